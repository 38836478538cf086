package cn.mediation.core.privacy;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM for one text field, from the JDK alone. The stored form {@code pii:1:<base64(iv | ciphertext+tag)>}
 * says what it is and which scheme wrote it, so readers recognise it and a later scheme can sit beside it. A fresh
 * random 12-byte IV per value; the associated data binds a ciphertext to its aggregate and field path, so a value
 * copied into another dispute or another field does not decrypt.
 */
public final class FieldCipher {

    public static final String PREFIX = "pii:1:";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Looking a cipher up costs more than using it; one per thread, initialised afresh for every value. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private FieldCipher() {
    }

    public static boolean isCiphertext(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public static String encrypt(SecretKey key, String associatedData, String clear) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The clear text of a stored value.
     *
     * @throws PersonalDataException if the value was not sealed with this key and associated data, or is damaged
     *                               (the message names neither the value nor the key)
     */
    public static String decrypt(SecretKey key, String associatedData, String stored) {
        if (!isCiphertext(stored)) {
            throw new PersonalDataException("Not an encrypted value of scheme " + PREFIX);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new PersonalDataException("An encrypted value is damaged (not base64)");
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new PersonalDataException("An encrypted value is damaged (too short)");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] clear = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new PersonalDataException("An encrypted value does not open with this key and field ("
                                                    + associatedData + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
