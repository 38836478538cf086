package cn.mediation.app.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key-encryption key of the parties' personal data comes from ({@code mediation.privacy.*}; see
 * {@link PersonalKeyKek}).
 *
 * @param kek     the key itself, base64 ({@code MEDIATION_PERSONAL_KEK}); wins over the file
 * @param kekFile a file holding it; with neither, {@code personal-keys.kek} in the data folder (created at first start)
 */
@ConfigurationProperties("mediation.privacy")
public record PrivacySettings(String kek, String kekFile) {
}
