package cn.mediation.command.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When a dispute's state is snapshotted ({@code mediation.snapshot.*}).
 *
 * @param threshold events read to rebuild a dispute beyond which a snapshot is taken
 */
@Validated
@ConfigurationProperties("mediation.snapshot")
public record SnapshotSettings(@DefaultValue("50") @Min(1) int threshold) {
}
