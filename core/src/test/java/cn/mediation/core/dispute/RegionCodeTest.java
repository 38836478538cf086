package cn.mediation.core.dispute;

import cn.mediation.core.json.Json;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 12-digit statistical division code that disputes, committees and sweeps are filed under. */
class RegionCodeTest {

    private static final RegionCode CITY = new RegionCode("511900000000");
    private static final RegionCode COUNTY = new RegionCode("511902000000");
    private static final RegionCode TOWN = new RegionCode("511902101000");
    private static final RegionCode VILLAGE = new RegionCode("511902101001");

    @ParameterizedTest
    @CsvSource({
            "511900000000, CITY",
            "511902000000, COUNTY",
            "511902101000, TOWN",
            "511902101001, VILLAGE",
            "511923999999, VILLAGE",
            "511902400000, TOWN"})
    void theLevelFollowsFromWhichPartsAreZero(String code, RegionLevel level) {
        assertThat(new RegionCode(code).level()).isEqualTo(level);
        assertThat(RegionCode.of(code).level()).isEqualTo(level);
    }

    @Test
    void aVillageHasAnAncestorAtEveryLevel() {
        assertThat(VILLAGE.ancestorAt(RegionLevel.VILLAGE)).isEqualTo(VILLAGE);
        assertThat(VILLAGE.ancestorAt(RegionLevel.TOWN)).isEqualTo(TOWN);
        assertThat(VILLAGE.ancestorAt(RegionLevel.COUNTY)).isEqualTo(COUNTY);
        assertThat(VILLAGE.ancestorAt(RegionLevel.CITY)).isEqualTo(CITY);
    }

    @Test
    void aTownsAncestorsAreItsCountyAndCity() {
        assertThat(TOWN.ancestorAt(RegionLevel.TOWN)).isEqualTo(TOWN);
        assertThat(TOWN.ancestorAt(RegionLevel.COUNTY)).isEqualTo(COUNTY);
        assertThat(TOWN.ancestorAt(RegionLevel.CITY)).isEqualTo(CITY);
        assertThat(COUNTY.ancestorAt(RegionLevel.CITY)).isEqualTo(CITY);
    }

    @Test
    void thereIsNoAncestorBelowTheCodesOwnLevel() {
        assertThatThrownBy(() -> COUNTY.ancestorAt(RegionLevel.TOWN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CITY.ancestorAt(RegionLevel.VILLAGE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TOWN.ancestorAt(RegionLevel.VILLAGE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAreaIsWithinItselfAndItsAncestors() {
        assertThat(VILLAGE.isWithin(VILLAGE)).isTrue();
        assertThat(VILLAGE.isWithin(TOWN)).isTrue();
        assertThat(VILLAGE.isWithin(COUNTY)).isTrue();
        assertThat(VILLAGE.isWithin(CITY)).isTrue();
        assertThat(TOWN.isWithin(CITY)).isTrue();
    }

    @Test
    void anAreaIsNotWithinItsNeighboursOrDescendants() {
        assertThat(VILLAGE.isWithin(new RegionCode("511902102000"))).isFalse();
        assertThat(VILLAGE.isWithin(new RegionCode("511902101002"))).isFalse();
        assertThat(VILLAGE.isWithin(new RegionCode("511903000000"))).isFalse();
        assertThat(TOWN.isWithin(VILLAGE)).isFalse();
        assertThat(CITY.isWithin(COUNTY)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "51190210100",      // 11 digits
            "5119021010011",    // 13 digits
            "51190210100a",     // not a digit
            " 511902101001",    // padded
            "５１１９０２１０１００１", // full-width digits
            "001902101001",     // no province
            "510002101001",     // no city
            "511900101000",     // a town without its county
            "511900000001",     // a village without county or town
            "511902000001"})    // a village without its town
    void invalidCodesAreRefused(String value) {
        assertThat(RegionCode.isValid(value)).isFalse();
        assertThatThrownBy(() -> new RegionCode(value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RegionCode.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"511900000000", "511902000000", "511902101000", "511902101001"})
    void validCodesAreAccepted(String value) {
        assertThat(RegionCode.isValid(value)).isTrue();
        assertThat(new RegionCode(value).value()).isEqualTo(value);
        assertThat(new RegionCode(value)).hasToString(value);
    }

    @Test
    void codesCompareAsTheirText() {
        assertThat(CITY).isLessThan(COUNTY);
        assertThat(TOWN).isLessThan(VILLAGE);
        assertThat(VILLAGE.compareTo(new RegionCode("511902101001"))).isZero();
    }

    @Test
    void aCodeIsWrittenAsPlainTextInJson() throws IOException {
        String json = Json.messageMapper().writeValueAsString(VILLAGE);
        assertThat(json).isEqualTo("\"511902101001\"");
        assertThat(Json.messageMapper().readValue(json, RegionCode.class)).isEqualTo(VILLAGE);
    }

    @Test
    void anInvalidCodeInJsonIsRefused() {
        assertThatThrownBy(() -> Json.strictMapper().readValue("\"511902000001\"", RegionCode.class))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLevelsGoUpOneStepAtATime() {
        assertThat(RegionLevel.VILLAGE.parent()).isEqualTo(RegionLevel.TOWN);
        assertThat(RegionLevel.TOWN.parent()).isEqualTo(RegionLevel.COUNTY);
        assertThat(RegionLevel.COUNTY.parent()).isEqualTo(RegionLevel.CITY);
        assertThat(RegionLevel.CITY.parent()).isNull();
        assertThat(RegionLevel.CITY.isAbove(RegionLevel.VILLAGE)).isTrue();
        assertThat(RegionLevel.VILLAGE.isAbove(RegionLevel.TOWN)).isFalse();
        assertThat(RegionLevel.TOWN.isAbove(RegionLevel.TOWN)).isFalse();
    }
}
