package cn.mediation.core.dispute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The resident identity number's ISO 7064 MOD 11-2 check character. */
class ResidentIdNumberTest {

    @Test
    void aPublishedSampleNumberWithCheckCharacterXIsValid() {
        assertThat(ResidentIdNumber.isValid("11010519491231002X")).isTrue();
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
    }

    @Test
    void aLowerCaseXIsAccepted() {
        assertThat(ResidentIdNumber.isValid("11010519491231002x")).isTrue();
    }

    @Test
    void aNumberEndingInItsComputedCheckDigitIsValid() {
        String first17 = "51190219800512301";
        assertThat(ResidentIdNumber.isValid(first17 + ResidentIdNumber.checkCharacter(first17))).isTrue();
    }

    @Test
    void exactlyOneCheckCharacterIsValidForAnyFirstSeventeenDigits() {
        Random random = new Random(20260302L);
        String checks = "0123456789X";
        for (int n = 0; n < 500; n++) {
            StringBuilder first17 = new StringBuilder("5119");
            while (first17.length() < 17) {
                first17.append(random.nextInt(10));
            }
            long valid = checks.chars()
                               .filter(check -> ResidentIdNumber.isValid(first17.toString() + (char) check))
                               .count();
            assertThat(valid).as(first17.toString()).isEqualTo(1);
            assertThat(ResidentIdNumber.isValid(first17.toString() + ResidentIdNumber.checkCharacter(
                    first17.toString()))).isTrue();
        }
    }

    @Test
    void aWrongCheckDigitIsInvalid() {
        String first17 = "51190219800512301";
        char right = ResidentIdNumber.checkCharacter(first17);
        char wrong = right == '0' ? '1' : '0';
        assertThat(ResidentIdNumber.isValid(first17 + wrong)).isFalse();
        assertThat(ResidentIdNumber.isValid("110105194912310021")).isFalse();
    }

    @Test
    void swappingTwoDigitsIsDetected() {
        assertThat(ResidentIdNumber.isValid("11010519491231002X")).isTrue();
        assertThat(ResidentIdNumber.isValid("11010591491231002X")).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "11010519491231002",     // 17 characters
            "11010519491231002X1",   // 19 characters
            "1101051949123100X2",    // X not at the end
            "11010519491231A02X",    // a letter among the digits
            "11010519491231002Y",    // not a check character
            "110105 19491231002X"})
    void malformedNumbersAreInvalid(String value) {
        assertThat(ResidentIdNumber.isValid(value)).isFalse();
    }
}
