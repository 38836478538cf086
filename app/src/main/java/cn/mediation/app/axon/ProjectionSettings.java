package cn.mediation.app.axon;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the projections' processors share their work and are kept running ({@code mediation.projections.*}),.
 *
 * @param claimTimeout      a segment whose claim its instance has not extended for this long is taken by another
 * @param checkInterval     how often the supervisor looks for a stopped processor
 * @param restartBackOff    the first wait before a stopped processor is restarted (doubled at each failure)
 * @param maxRestartBackOff the longest such wait
 */
@Validated
@ConfigurationProperties("mediation.projections")
public record ProjectionSettings(@DefaultValue("PT10S") @NotNull Duration claimTimeout,
                                 @DefaultValue("PT1S") @NotNull Duration checkInterval,
                                 @DefaultValue("PT5S") @NotNull Duration restartBackOff,
                                 @DefaultValue("PT5M") @NotNull Duration maxRestartBackOff) {
}
