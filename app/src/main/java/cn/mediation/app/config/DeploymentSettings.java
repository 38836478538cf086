package cn.mediation.app.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.ZoneId;

/**
 * This deployment ({@code mediation.*} at the top level).
 *
 * @param timeZone         the zone of business dates and of every time shown (Beijing time)
 * @param nodeId           this instance's name among several on one MongoDB; empty, the JVM's {@code pid@host}
 * @param sampleCommittees whether the sample region's committees are established at first start
 * @param regions          the region directory
 * @param demo             the demo year's loader ({@code --demo=…})
 */
@Validated
@ConfigurationProperties("mediation")
public record DeploymentSettings(@DefaultValue("Asia/Shanghai") @NotNull ZoneId timeZone,
                                 String nodeId,
                                 @DefaultValue("true") boolean sampleCommittees,
                                 @DefaultValue @Valid @NotNull Regions regions,
                                 @DefaultValue @Valid @NotNull Demo demo) {

    /** @param file a region directory file of this deployment; empty, the shipped Bazhong sample */
    public record Regions(String file) {
    }

    /** @param threads threads that record the demo year */
    public record Demo(@DefaultValue("4") @Min(1) @Max(64) int threads) {
    }
}
