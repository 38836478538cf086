package cn.mediation.core.audit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * The seal of a day's digest: HMAC-SHA256 under a key the database does not hold, over the day, its count, its
 * digest and the seal of the day sealed before it. Someone who may write the database can recompute an event's
 * hash, its aggregate's chain and the day's digest, but not the seal; and since each seal covers the one before, a
 * day cannot be dropped or replaced by an older one either.
 */
public final class DaySeal {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public DaySeal(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a seal key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public String of(LocalDate day, long count, String digest, String previousSeal) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            String text = day + "\n" + count + "\n" + digest + "\n" + (previousSeal == null ? "" : previousSeal);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code seal} is the seal of these values, compared in constant time. */
    public boolean holds(LocalDate day, long count, String digest, String previousSeal, String seal) {
        return seal != null && MessageDigest.isEqual(of(day, count, digest, previousSeal).getBytes(StandardCharsets.UTF_8),
                                                     seal.getBytes(StandardCharsets.UTF_8));
    }
}
