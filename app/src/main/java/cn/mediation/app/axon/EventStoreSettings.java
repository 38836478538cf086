package cn.mediation.app.axon;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The event store's reading of the global log ({@code mediation.eventstore.*}).
 *
 * @param batchSize  events a tracking processor reads per query
 * @param holdBack   how long a position behind an unfilled gap is held back before readers pass it
 * @param gapTimeout how long a gap in the global log is waited for before it is given up as never to be filled
 */
@Validated
@ConfigurationProperties("mediation.eventstore")
public record EventStoreSettings(@DefaultValue("100") @Min(1) @Max(100_000) int batchSize,
                                 @DefaultValue("PT1S") @NotNull Duration holdBack,
                                 @DefaultValue("PT60S") @NotNull Duration gapTimeout) {
}
