package cn.mediation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The keys several instances on one store must share (the personal-data KEK and the audit seal key), in files of a
 * temporary folder: without them each instance makes its own, and the second refuses the first one's wrapped keys.
 */
final class SharedKeys {

    private static Path folder;

    private SharedKeys() {
    }

    /** The KEK file: the first instance creates it, the others read it. */
    static synchronized Path kekFile() throws IOException {
        return folder().resolve("personal-keys.kek");
    }

    /** The audit seal key file, written here (the app reads a configured file, it does not create one). */
    static synchronized Path sealKeyFile() throws IOException {
        Path file = folder().resolve("audit-seal.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        }
        return file;
    }

    private static Path folder() throws IOException {
        if (folder == null) {
            folder = Files.createTempDirectory("bench-keys");
        }
        return folder;
    }
}
