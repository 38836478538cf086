package cn.mediation.app.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key that seals the daily digests comes from ({@code mediation.audit.*}; see {@link SealKey}).
 *
 * @param sealKey     the key itself ({@code MEDIATION_AUDIT_SEAL_KEY}); wins over the file
 * @param sealKeyFile a file holding it; with neither, one in the data folder (created at first start)
 */
@ConfigurationProperties("mediation.audit")
public record AuditSettings(String sealKey, String sealKeyFile) {
}
