package cn.mediation.command.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.LocalDate;
import java.time.Period;

/**
 * The window of business dates a step may carry ({@code mediation.dates.*}).
 *
 * @param earliest        no step is dated before this day
 * @param registrationAge a registration is dated no further back than this before today
 */
@Validated
@ConfigurationProperties("mediation.dates")
public record DateSettings(@DefaultValue("2000-01-01") @NotNull LocalDate earliest,
                           @DefaultValue("P5Y") @NotNull Period registrationAge) {
}
