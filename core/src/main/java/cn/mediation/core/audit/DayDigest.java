package cn.mediation.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The running digest of one day: SHA-256 over the hex hashes of the day's events in global order, each followed by
 * a line feed, and their count. Sealing and verifying both build it the same way.
 */
final class DayDigest {

    private final MessageDigest sha256 = EventHash.sha256();
    private long count;

    void add(String hash) {
        sha256.update(String.valueOf(hash).getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        count++;
    }

    long count() {
        return count;
    }

    /** The hex digest; call once, at the end. */
    String finish() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
