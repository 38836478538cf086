package cn.mediation.app.axon;

import cn.mediation.app.config.OwnerOnlyFile;
import cn.mediation.core.privacy.KeyEncryptionKeys;
import cn.mediation.core.privacy.PersonalKeyVault;
import com.mongodb.MongoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the key-encryption keys of the personal-data keys come from: never the database. In this order: the
 * environment variable {@code MEDIATION_PERSONAL_KEK}, the file {@code mediation.privacy.kek-file}, or
 * {@code personal-keys.kek} in the data folder. Either holds {@code version:base64} entries (32 bytes each), one per
 * line or separated by commas; the last is current. A file that does not exist is created with one new key,
 * version {@code 1}, readable by the server's user only.
 */
public final class PersonalKeyKek {

    private static final Logger log = LoggerFactory.getLogger(PersonalKeyKek.class);
    static final String DEFAULT_FILE = "personal-keys.kek";

    private PersonalKeyKek() {
    }

    public static KeyEncryptionKeys load(String fromEnvironment, String file, Path dataDirectory) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return KeyEncryptionKeys.parse(fromEnvironment, "MEDIATION_PERSONAL_KEK");
        }
        Path path = file != null && !file.isBlank() ? Path.of(file) : dataDirectory.resolve(DEFAULT_FILE);
        if (!Files.exists(path) && OwnerOnlyFile.createWith(path, KeyEncryptionKeys.generateEntry("1") + "\n",
                                                            "personal-data key-encryption key")) {
            log.warn("Generated the key-encryption key of the parties' personal-data keys ({}). Back it up apart "
                     + "from the database: without it no personal data can be read", path.getFileName());
        }
        try {
            return KeyEncryptionKeys.parse(Files.readString(path, StandardCharsets.US_ASCII),
                                           path.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the personal-data key-encryption key " + path, e);
        }
    }

    /**
     * At start-up: wraps keys an earlier store kept in the clear and moves keys wrapped by an older KEK onto the
     * current one. Refuses to start when stored keys do not open with the KEKs given (a missing or wrong KEK would
     * otherwise read as erased data). An unreachable database only postpones this: keys are wrapped when read.
     */
    public static void rewrapAtStart(PersonalKeyVault vault, KeyEncryptionKeys keks) {
        PersonalKeyVault.Rewrap done;
        try {
            done = vault.rewrapOutdated();
        } catch (MongoException e) {
            log.warn("Could not check the personal-data keys at start-up ({}); keys in the clear are wrapped when read",
                     e.getClass().getSimpleName());
            return;
        }
        if (done.unavailable() > 0) {
            throw new IllegalStateException(done.unavailable() + " personal-data key(s) do not open with the "
                    + "key-encryption keys given (stored under versions " + done.unavailableByVersion().keySet()
                    + ", given up to version " + keks.currentVersion() + "); start with the KEK file they were "
                    + "wrapped with (see docs/operations.md)");
        }
        if (done.wrappedFromClear() > 0 || done.rewrapped() > 0) {
            log.info("Personal-data keys: {} wrapped from the clear, {} rewrapped under key-encryption key {}",
                     done.wrappedFromClear(), done.rewrapped(), keks.currentVersion());
        }
    }
}
