package cn.mediation.app.axon;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Whole-log replays ({@code verify}, {@code asOf}) per user ({@code mediation.replays.*}; see {@link cn.mediation.query.support.ReplayGate}).
 *
 * @param perUser replays one user may start per window (answers from the cache do not count)
 * @param window  that window
 */
@Validated
@ConfigurationProperties("mediation.replays")
public record ReplaySettings(@DefaultValue("10") @Min(1) int perUser,
                             @DefaultValue("PT1M") @NotNull Duration window) {
}
