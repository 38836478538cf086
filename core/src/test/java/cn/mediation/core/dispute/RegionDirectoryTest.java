package cn.mediation.core.dispute;

import cn.mediation.core.region.MalformedRegionRowException;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The four-level region directory: the shipped 巴中 sample, and the refusal of malformed rows by line number. */
class RegionDirectoryTest {

    private static final String SAMPLE = "/regions/bazhong-sample.csv";
    private static final String HEADER = "code,name,parentCode\n";
    private static final String CITY_ROW = "511900000000,巴中市,\n";
    private static final String COUNTY_ROW = "511902000000,巴州区,511900000000\n";
    private static final String TOWN_ROW = "511902101000,样例镇一,511902000000\n";

    private static RegionDirectory sample;

    @BeforeAll
    static void loadTheSample() throws IOException {
        try (InputStream csv = RegionDirectoryTest.class.getResourceAsStream(SAMPLE)) {
            assertThat(csv).as(SAMPLE + " on the class path").isNotNull();
            sample = RegionDirectory.load(csv);
        }
    }

    // ------------------------------------------------------------------ the shipped sample

    @Test
    void theSampleHasOneRowPerDataLine() throws IOException {
        long dataLines;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                RegionDirectoryTest.class.getResourceAsStream(SAMPLE), StandardCharsets.UTF_8))) {
            dataLines = reader.lines().map(line -> line.replace("\uFEFF", ""))
                              .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("code,"))
                              .count();
        }
        assertThat(sample.all()).hasSize((int) dataLines);
    }

    @Test
    void theSampleHasTheFourLevelsOfTheVillageUsedInTheExamples() {
        assertThat(sample.find("511900000000")).get().extracting(Region::level).isEqualTo(RegionLevel.CITY);
        assertThat(sample.find("511902000000")).get().extracting(Region::level).isEqualTo(RegionLevel.COUNTY);
        assertThat(sample.find("511902101000")).get().extracting(Region::level).isEqualTo(RegionLevel.TOWN);
        Region village = sample.find("511902101001").orElseThrow();
        assertThat(village.level()).isEqualTo(RegionLevel.VILLAGE);
        assertThat(village.parentCode()).isEqualTo(new RegionCode("511902101000"));
        assertThat(village.name()).isNotBlank();
    }

    @Test
    void theCityIsTheOnlyTopRegion() {
        assertThat(sample.top()).extracting(Region::code).containsExactly(new RegionCode("511900000000"));
        assertThat(sample.top()).extracting(Region::name).containsExactly("巴中市");
    }

    @Test
    void everyRegionBelowTheCityLiesInItsParent() {
        for (Region region : sample.all()) {
            if (region.parentCode() == null) {
                continue;
            }
            Region parent = sample.find(region.parentCode()).orElseThrow();
            assertThat(region.code().isWithin(parent.code())).as(region.code() + " within its parent").isTrue();
            assertThat(parent.level()).isEqualTo(region.level().parent());
            assertThat(sample.children(parent.code())).contains(region);
        }
    }

    @Test
    void villagesWithinATownAreItsOwn() {
        assertThat(sample.villagesWithin(new RegionCode("511902101000")))
                .extracting(region -> region.code().value())
                .containsExactlyInAnyOrder("511902101001", "511902101002", "511902101003");
        assertThat(sample.villagesWithin(new RegionCode("511902101001")))
                .extracting(region -> region.code().value()).containsExactly("511902101001");
        assertThat(sample.villagesWithin(new RegionCode("511902000000")))
                .allSatisfy(region -> assertThat(region.code().value()).startsWith("511902"))
                .hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void unknownAndInvalidCodesAreNotFound() {
        assertThat(sample.find("511999101001")).isEmpty();
        assertThat(sample.find("not-a-code")).isEmpty();
        assertThat(sample.find((String) null)).isEmpty();
        assertThat(sample.contains(new RegionCode("511999000000"))).isFalse();
        assertThat(sample.contains(new RegionCode("511902101001"))).isTrue();
        assertThat(sample.children(new RegionCode("511902101001"))).isEmpty();
    }

    // ------------------------------------------------------------------ what a file may contain

    @Test
    void aByteOrderMarkCommentsAndBlankLinesAreAllowed() {
        RegionDirectory directory = load("\uFEFF" + HEADER + "# 注释\n\n" + CITY_ROW + "  \n" + COUNTY_ROW);
        assertThat(directory.all()).hasSize(2);
    }

    @Test
    void theHeaderIsOptional() {
        assertThat(load(CITY_ROW + COUNTY_ROW).all()).hasSize(2);
    }

    @Test
    void anEmptyDirectoryIsRefused() {
        assertThatThrownBy(() -> load(HEADER + "# nothing here\n")).isInstanceOf(MalformedRegionRowException.class);
    }

    // ------------------------------------------------------------------ malformed rows, by line

    @Test
    void aRowWithTooFewColumnsIsRefusedWithItsLineNumber() {
        assertRefusedAtLine(HEADER + CITY_ROW + "# comment\n" + "511902000000,巴州区\n", 4);
    }

    @Test
    void aRowWithTooManyColumnsIsRefusedWithItsLineNumber() {
        assertRefusedAtLine(HEADER + CITY_ROW + "511902000000,巴州区,511900000000,extra\n", 3);
    }

    @Test
    void aRowWithABadCodeIsRefusedWithItsLineNumber() {
        assertRefusedAtLine(HEADER + CITY_ROW + COUNTY_ROW + "51190210100X,样例镇一,511902000000\n", 4);
    }

    @Test
    void aRowWithAnImpossibleCodeIsRefusedWithItsLineNumber() {
        assertRefusedAtLine(HEADER + CITY_ROW + COUNTY_ROW + "511902000001,样例村,511902000000\n", 4);
    }

    @Test
    void aRowWithABadParentCodeIsRefusedWithItsLineNumber() {
        assertRefusedAtLine(HEADER + CITY_ROW + "511902000000,巴州区,5119\n", 3);
    }

    @Test
    void aRowWhoseParentDoesNotContainItIsRefusedWithItsLineNumber() {
        assertRefusedAtLine(HEADER + CITY_ROW + COUNTY_ROW + "511903000000,恩阳区,511900000000\n"
                                    + "511902101000,样例镇一,511903000000\n", 5);
    }

    @Test
    void aRowSkippingALevelIsRefusedWithItsLineNumber() {
        assertRefusedAtLine(HEADER + CITY_ROW + COUNTY_ROW + "511902101001,样例村一,511902000000\n", 4);
    }

    @Test
    void aRowWhoseParentIsNotListedAboveIsRefusedWithItsLineNumber() {
        assertRefusedAtLine(HEADER + CITY_ROW + TOWN_ROW + COUNTY_ROW, 3);
    }

    @Test
    void aDuplicateCodeIsRefusedWithTheLineNumberOfTheSecondRow() {
        assertRefusedAtLine(HEADER + CITY_ROW + COUNTY_ROW + TOWN_ROW + "\n" + "511902000000,巴州区（重复）,511900000000\n",
                            6);
    }

    @Test
    void aRowWithoutANameIsRefusedWithItsLineNumber() {
        assertRefusedAtLine(HEADER + CITY_ROW + "511902000000, ,511900000000\n", 3);
    }

    private static RegionDirectory load(String csv) {
        return RegionDirectory.load(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertRefusedAtLine(String csv, int line) {
        MalformedRegionRowException refusal = catchThrowableOfType(MalformedRegionRowException.class,
                                                                   () -> load(csv));
        assertThat(refusal).as("a malformed row is refused").isNotNull();
        assertThat(refusal.line()).isEqualTo(line);
        assertThat(refusal).hasMessageContaining("line " + line);
    }
}
