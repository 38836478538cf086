package cn.mediation.query.statistics;

import cn.mediation.query.support.BadQuery;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which earlier period a view is compared with (环比, 同比), and how each figure's change is stated. */
class ComparisonTest {

    private static StatisticsService.Comparison compare(String kind, String from, String to) {
        return StatisticsService.comparison(kind, LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void thePreviousPeriodOfWholeMonthsIsAsManyMonthsBefore() {
        assertThat(compare("previous", "2026-03-01", "2026-03-31"))
                .isEqualTo(new StatisticsService.Comparison("previous", LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28")));
        assertThat(compare("previous", "2026-04-01", "2026-06-30").from()).isEqualTo("2026-01-01");
        assertThat(compare("previous", "2026-01-01", "2026-12-31").from()).isEqualTo("2025-01-01");
    }

    @Test
    void thePreviousPeriodOfAnyOtherRangeIsAsManyDaysBefore() {
        StatisticsService.Comparison days = compare("previous", "2026-03-10", "2026-03-19");
        assertThat(days.from()).isEqualTo("2026-02-28");
        assertThat(days.to()).isEqualTo("2026-03-09");
    }

    @Test
    void aYearEarlierKeepsAMonthsLastDay() {
        StatisticsService.Comparison leap = compare("lastYear", "2025-02-01", "2025-02-28");
        assertThat(leap.from()).isEqualTo("2024-02-01");
        assertThat(leap.to()).isEqualTo("2024-02-29");
        assertThat(compare("lastYear", "2026-03-05", "2026-03-20").to()).isEqualTo("2025-03-20");
        assertThat(compare(null, "2026-03-05", "2026-03-20")).isNull();
        assertThatThrownBy(() -> compare("week", "2026-03-05", "2026-03-20")).isInstanceOf(BadQuery.class);
    }

    @Test
    void aChangeIsADifferenceAndARatioWhereTheEarlierValueIsNotZero() {
        Map<String, Object> now = new LinkedHashMap<>();
        Map<String, Object> before = new LinkedHashMap<>();
        now.put("resolved", 6L);
        before.put("resolved", 4L);
        now.put("failed", 2L);
        before.put("failed", 0L);
        now.put("successRate", new BigDecimal("0.7500"));
        before.put("successRate", null);
        now.put("open", 3L);
        before.put("open", 3L);
        Map<String, Object> change = StatisticsService.change(now, before);
        assertThat(change.get("resolved")).isEqualTo(Map.of("difference", 2L, "ratio", new BigDecimal("0.5000")));
        Map<?, ?> failed = (Map<?, ?>) change.get("failed");
        assertThat(failed.get("difference")).isEqualTo(2L);
        assertThat(failed.get("ratio")).isNull();
        Map<?, ?> rate = (Map<?, ?>) change.get("successRate");
        assertThat(rate.get("difference")).isNull();
        assertThat(change.get("open")).as("a figure of the present has no change").isNull();
    }
}
