package cn.mediation.app.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds on what a request may carry ({@code mediation.web.*}).
 *
 * @param maxBodyBytes   the largest body of any request (counted as it is read, whatever the framing); also the JSON
 *                       parser's document bound
 * @param maxImportBytes the largest event log an import may carry
 */
@Validated
@ConfigurationProperties("mediation.web")
public record WebSettings(@DefaultValue("2097152") @Min(1024) long maxBodyBytes,
                          @DefaultValue("4294967296") @Min(1024) long maxImportBytes) {
}
