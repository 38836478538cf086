package cn.mediation.app.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Accounts and logins ({@code mediation.security.*}).
 *
 * @param adminPassword  the first administrator's password on first start ({@code MEDIATION_ADMIN_PASSWORD}); empty,
 *                       a random one is generated and logged once
 * @param bcryptStrength the work factor of stored password hashes
 * @param login          how guessing is slowed
 */
@Validated
@ConfigurationProperties("mediation.security")
public record SecuritySettings(String adminPassword,
                               @DefaultValue("10") @Min(4) @Max(31) int bcryptStrength,
                               @DefaultValue @Valid @NotNull Login login) {

    /**
     * @param maxFailures        wrong passwords for one name before it is slowed
     * @param maxAddressFailures wrong passwords from one client address before it is slowed
     * @param lock               how long failures are remembered
     * @param firstDelay         the first wait imposed once slowed (doubled at each further failure)
     * @param maxDelay           the longest such wait: nobody is locked out for good
     * @param remember           how long a successful login is remembered, so that its next requests skip the hash
     */
    public record Login(@DefaultValue("5") @Min(1) int maxFailures,
                        @DefaultValue("50") @Min(1) int maxAddressFailures,
                        @DefaultValue("PT15M") @NotNull Duration lock,
                        @DefaultValue("PT30S") @NotNull Duration firstDelay,
                        @DefaultValue("PT15M") @NotNull Duration maxDelay,
                        @DefaultValue("PT5M") @NotNull Duration remember) {
    }
}
