package cn.mediation.core.dispute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The masked forms of a party's name, ID number and phone that leave the write side. */
class PersonalDataMaskTest {

    @ParameterizedTest
    @CsvSource({
            "张三丰, 张**",
            "张三, 张*",
            "张, 张*",
            "欧阳娜娜, 欧***",
            "Li Si, L****"})
    void aNameKeepsOnlyItsFirstCharacter(String name, String masked) {
        assertThat(PersonalDataMask.name(name)).isEqualTo(masked);
    }

    @Test
    void aNameStartingOutsideTheBasicPlaneKeepsTheWholeCharacter() {
        String name = "\uD842\uDFB7三"; // 𠮷三
        assertThat(PersonalDataMask.name(name)).isEqualTo("\uD842\uDFB7*");
        assertThat(PersonalDataMask.name("张\uD842\uDFB7")).isEqualTo("张*");
    }

    @Test
    void anAbsentNameStaysAbsent() {
        assertThat(PersonalDataMask.name(null)).isNull();
        assertThat(PersonalDataMask.name("")).isEmpty();
    }

    @Test
    void anIdNumberKeepsTheFirstSixAndLastFour() {
        assertThat(PersonalDataMask.idNumber("511902199001011234")).isEqualTo("511902********1234");
        assertThat(PersonalDataMask.idNumber("11010519491231002X")).isEqualTo("110105********002X");
    }

    @Test
    void aShortIdNumberIsMaskedWhole() {
        assertThat(PersonalDataMask.idNumber("123456789")).isEqualTo("*********");
        assertThat(PersonalDataMask.idNumber(null)).isNull();
    }

    @Test
    void aMobileNumberKeepsTheFirstThreeAndLastFour() {
        assertThat(PersonalDataMask.phone("13812345678")).isEqualTo("138****5678");
    }

    @Test
    void aLandlineKeepsTheFirstThreeAndLastFour() {
        assertThat(PersonalDataMask.phone("0827-5262345")).isEqualTo("082*****2345");
    }

    @Test
    void aShortPhoneIsMaskedWhole() {
        assertThat(PersonalDataMask.phone("110")).isEqualTo("***");
        assertThat(PersonalDataMask.phone(null)).isNull();
    }

    @Test
    void aPartyIsMaskedFieldByFieldAndKeepsItsRole() {
        Party party = new Party(PartyRole.RESPONDENT, "李四光", "511902199001011234", "13812345678");
        assertThat(PersonalDataMask.party(party))
                .isEqualTo(new Party(PartyRole.RESPONDENT, "李**", "511902********1234", "138****5678"));
    }

    @Test
    void aPartyWithoutIdNumberOrPhoneIsMasked() {
        assertThat(PersonalDataMask.party(new Party(PartyRole.APPLICANT, "王五", null, null)))
                .isEqualTo(new Party(PartyRole.APPLICANT, "王*", null, null));
    }

    @Test
    void aPartyNeverPrintsItsPersonalData() {
        Party party = new Party(PartyRole.APPLICANT, "张三丰", "511902199001011234", "13812345678");
        assertThat(party.toString()).doesNotContain("张三丰", "511902199001011234", "13812345678", "1234", "5678")
                                    .contains("APPLICANT");
    }
}
