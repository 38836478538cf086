package cn.mediation.core.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldCipherTest {

    private static final String ID_NUMBER = "11010519491231002X";
    private static final String AAD = "6f1c2a7e-3b4d-4c5e-9f10-2a3b4c5d6e7f|parties[0].idNumber";

    private static SecretKey newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    @Test
    void aValueComesBackFromItsStoredForm() {
        SecretKey key = newKey();
        String stored = FieldCipher.encrypt(key, AAD, "欧阳娜娜");
        assertThat(stored).startsWith("pii:1:").doesNotContain("欧阳");
        assertThat(FieldCipher.isCiphertext(stored)).isTrue();
        assertThat(FieldCipher.decrypt(key, AAD, stored)).isEqualTo("欧阳娜娜");
    }

    @Test
    void theSameValueIsStoredDifferentlyEachTime() {
        SecretKey key = newKey();
        assertThat(FieldCipher.encrypt(key, AAD, ID_NUMBER)).isNotEqualTo(FieldCipher.encrypt(key, AAD, ID_NUMBER));
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String stored = FieldCipher.encrypt(newKey(), AAD, ID_NUMBER);
        assertThatThrownBy(() -> FieldCipher.decrypt(newKey(), AAD, stored))
                .isInstanceOf(PersonalDataException.class)
                .hasMessageNotContaining(ID_NUMBER);
    }

    @Test
    void aValueMovedToAnotherFieldOrDisputeCannotBeOpened() {
        SecretKey key = newKey();
        String stored = FieldCipher.encrypt(key, AAD, ID_NUMBER);
        assertThatThrownBy(() -> FieldCipher.decrypt(key, AAD.replace("[0]", "[1]"), stored))
                .isInstanceOf(PersonalDataException.class);
        assertThatThrownBy(() -> FieldCipher.decrypt(key, "another-dispute|parties[0].idNumber", stored))
                .isInstanceOf(PersonalDataException.class);
    }

    @Test
    void aDamagedValueIsRefused() {
        SecretKey key = newKey();
        String stored = FieldCipher.encrypt(key, AAD, ID_NUMBER);
        byte[] bytes = Base64.getDecoder().decode(stored.substring(FieldCipher.PREFIX.length()));
        bytes[bytes.length - 1] ^= 1;
        String flipped = FieldCipher.PREFIX + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> FieldCipher.decrypt(key, AAD, flipped)).isInstanceOf(PersonalDataException.class);
        assertThatThrownBy(() -> FieldCipher.decrypt(key, AAD, "pii:1:%%%")).isInstanceOf(PersonalDataException.class);
        assertThatThrownBy(() -> FieldCipher.decrypt(key, AAD, "pii:1:AAAA")).isInstanceOf(PersonalDataException.class);
        assertThatThrownBy(() -> FieldCipher.decrypt(key, AAD, ID_NUMBER)).isInstanceOf(PersonalDataException.class)
                                                                         .hasMessageNotContaining(ID_NUMBER);
    }
}
