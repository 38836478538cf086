package cn.mediation.core.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The key-encryption keys (KEKs) that wrap every per-dispute key before {@link PersonalKeyVault} stores it: AES-256
 * in GCM mode, a random 12-byte nonce per wrap, the dispute id as associated data (a wrapped key moved to another
 * dispute's document does not open). They are never stored in the database, so a copy of the database alone opens
 * no personal data.
 * <p>
 * Each KEK has a version, a short name stored beside every key it wrapped. The last one given is current: new keys
 * are wrapped by it, and {@link PersonalKeyVault#rewrap()} moves keys wrapped by an older one onto it. The text form
 * ({@link #parse}) is one {@code version:base64} entry per line (or separated by commas), 32 bytes each.
 */
public final class KeyEncryptionKeys {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> byVersion;
    private final String current;

    private KeyEncryptionKeys(Map<String, SecretKey> byVersion, String current) {
        this.byVersion = Collections.unmodifiableMap(byVersion);
        this.current = current;
    }

    /** The entries of the text form; the last is current. */
    public static KeyEncryptionKeys parse(String text, String where) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String current = null;
        for (String entry : text.split("[\\r\\n,]+")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String version = colon < 0 ? "" : trimmed.substring(0, colon);
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalStateException("A key-encryption key (" + where + ") is not written as version:base64");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The key-encryption key " + version + " (" + where + ") is not base64");
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("The key-encryption key " + version + " (" + where + ") is not 32 bytes");
            }
            if (keys.put(version, new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalStateException("The key-encryption key " + version + " (" + where + ") is given twice");
            }
            current = version;
        }
        if (current == null) {
            throw new IllegalStateException("No key-encryption key in " + where);
        }
        // the current one is the last written
        keys.put(current, keys.remove(current));
        return new KeyEncryptionKeys(keys, current);
    }

    /** One new random KEK of this version, in the text form (a line of {@link #parse}'s). */
    public static String generateEntry(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("a version is 1 to 32 letters, digits, '.', '_' or '-'");
        }
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return version + ":" + Base64.getEncoder().encodeToString(key);
    }

    /** A single random KEK held in memory only (tests). */
    public static KeyEncryptionKeys random(String version) {
        return parse(generateEntry(version), "memory");
    }

    public String currentVersion() {
        return current;
    }

    public boolean has(String version) {
        return byVersion.containsKey(version);
    }

    /** The key wrapped by the current KEK for the dispute: nonce | ciphertext and tag. */
    byte[] wrap(String aggregateIdentifier, byte[] key) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, byVersion.get(current), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(aggregateIdentifier));
            byte[] sealed = cipher.doFinal(key);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The key a {@link #wrap} gave, or an exception naming the dispute (never the key) when it does not open. */
    byte[] unwrap(String aggregateIdentifier, String version, byte[] wrapped) {
        SecretKey kek = version == null ? null : byVersion.get(version);
        if (kek == null) {
            throw new PersonalKeyUnavailable("The personal-data key of " + aggregateIdentifier
                                             + " is wrapped by key-encryption key " + version
                                             + ", which this server was not given");
        }
        if (wrapped.length <= NONCE_BYTES) {
            throw new PersonalKeyUnavailable("The personal-data key of " + aggregateIdentifier + " is damaged");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek,
                        new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(wrapped, 0, NONCE_BYTES)));
            cipher.updateAAD(associatedData(aggregateIdentifier));
            return cipher.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new PersonalKeyUnavailable("The personal-data key of " + aggregateIdentifier
                                             + " does not open with key-encryption key " + version
                                             + ": another key under that version, or a damaged document");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static byte[] associatedData(String aggregateIdentifier) {
        return ("personal_keys/" + aggregateIdentifier).getBytes(StandardCharsets.UTF_8);
    }

    /** A stored key that cannot be opened with the KEKs this process holds. */
    public static final class PersonalKeyUnavailable extends IllegalStateException {
        public PersonalKeyUnavailable(String message) {
            super(message);
        }
    }
}
