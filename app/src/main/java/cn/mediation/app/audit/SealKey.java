package cn.mediation.app.audit;

import cn.mediation.app.config.OwnerOnlyFile;
import cn.mediation.core.audit.DaySeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Where the key that seals the daily digests comes from: never the database. In this order: the environment
 * variable {@code MEDIATION_AUDIT_SEAL_KEY} (base64, at least 32 bytes), the file {@code mediation.audit.seal-key-file}
 * (the same, on one line), or, when neither is set, {@code audit-seal.key} in the data folder, created at the first
 * start with 32 random bytes, readable by the server's user only. That last one is for trying the system out: a
 * key beside the data can be rewritten with it, so the log says to move it.
 */
public final class SealKey {

    private static final Logger log = LoggerFactory.getLogger(SealKey.class);
    static final String DEFAULT_FILE = "audit-seal.key";

    private SealKey() {
    }

    public static DaySeal load(String fromEnvironment, String file, Path dataDirectory) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new DaySeal(decode(fromEnvironment, "MEDIATION_AUDIT_SEAL_KEY"));
        }
        if (file != null && !file.isBlank()) {
            return new DaySeal(read(Path.of(file)));
        }
        Path generated = dataDirectory.resolve(DEFAULT_FILE);
        if (!Files.exists(generated)) {
            create(generated);
            log.warn("Generated the key that seals the audit log's daily digests in the data folder ({}). In "
                     + "production keep it outside the data folder (mediation.audit.seal-key-file or "
                     + "MEDIATION_AUDIT_SEAL_KEY), where whoever may write the database cannot read or replace it",
                     DEFAULT_FILE);
        } else {
            log.warn("The key that seals the audit log's daily digests is in the data folder ({}); in production "
                     + "keep it outside (mediation.audit.seal-key-file or MEDIATION_AUDIT_SEAL_KEY)", DEFAULT_FILE);
        }
        return new DaySeal(read(generated));
    }

    private static void create(Path file) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        OwnerOnlyFile.createWith(file, Base64.getEncoder().encodeToString(key) + "\n", "audit seal key");
    }

    private static byte[] read(Path file) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit seal key " + file, e);
        }
    }

    private static byte[] decode(String text, String where) {
        try {
            byte[] key = Base64.getDecoder().decode(text.strip());
            if (key.length < 32) {
                throw new IllegalStateException("The audit seal key (" + where + ") has fewer than 32 bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The audit seal key (" + where + ") is not base64", e);
        }
    }

    /** Whether a file is readable by its owner only (for the test of the generated key). */
    static boolean ownerOnly(Path file) throws IOException {
        Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.equals(PosixFilePermissions.fromString("rw-------"));
    }
}
