package cn.mediation.query.export;

import cn.mediation.query.support.BadQuery;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period of an official report: a month ({@code 2026-03}), a quarter ({@code 2026-Q1}) or a year
 * ({@code 2026}), or any {@code from}/{@code to} dates; with the label the form's title gives it.
 */
public record ReportPeriod(LocalDate from, LocalDate to, String label, String key) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final String[] QUARTERS = {"一", "二", "三", "四"};

    /** {@code period}, or else {@code from} and {@code to} (checked later with the other query parameters). */
    public static ReportPeriod parse(String period, String from, String to) {
        if (period == null || period.isBlank()) {
            if (from == null || to == null) {
                throw new BadQuery("period", "is required: a month 2026-03, a quarter 2026-Q1 or a year 2026 "
                        + "(or from and to)");
            }
            return new ReportPeriod(date(from, "from"), date(to, "to"), from + "至" + to, from + "_" + to);
        }
        if (from != null || to != null) {
            throw new BadQuery("period", "give a period or from and to, not both");
        }
        String value = period.strip();
        Matcher month = MONTH.matcher(value);
        if (month.matches()) {
            int m = Integer.parseInt(month.group(2));
            if (m < 1 || m > 12) {
                throw new BadQuery("period", "has no month " + month.group(2));
            }
            YearMonth ym = YearMonth.of(Integer.parseInt(month.group(1)), m);
            return new ReportPeriod(ym.atDay(1), ym.atEndOfMonth(), ym.getYear() + "年" + m + "月", value);
        }
        Matcher quarter = QUARTER.matcher(value);
        if (quarter.matches()) {
            int year = Integer.parseInt(quarter.group(1));
            int q = Integer.parseInt(quarter.group(2));
            YearMonth first = YearMonth.of(year, (q - 1) * 3 + 1);
            return new ReportPeriod(first.atDay(1), first.plusMonths(2).atEndOfMonth(),
                                    year + "年第" + QUARTERS[q - 1] + "季度", value);
        }
        if (YEAR.matcher(value).matches()) {
            Year year = Year.of(Integer.parseInt(value));
            return new ReportPeriod(year.atDay(1), year.atMonth(12).atEndOfMonth(), value + "年度", value);
        }
        throw new BadQuery("period", "must be a month 2026-03, a quarter 2026-Q1 or a year 2026");
    }

    private static LocalDate date(String value, String name) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadQuery(name, "must be a date YYYY-MM-DD");
        }
    }
}
