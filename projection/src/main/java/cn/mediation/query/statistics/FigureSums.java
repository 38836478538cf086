package cn.mediation.query.statistics;

import org.bson.Document;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Sums the steps of a period out of bucket sections, and turns the sums into the figures of the contract. */
final class FigureSums {

    private final LocalDate from;
    /** ISO months and two-digit days compare as strings in date order: no parsing per step. */
    private final String fromMonth;
    private final String fromDay;
    private final boolean fromFirstDay;
    private final Map<String, Long> sums = new TreeMap<>();
    long open;
    long overdue;

    FigureSums(LocalDate from) {
        this.from = from;
        this.fromMonth = YearMonth.from(from).toString();
        this.fromDay = BucketKeys.day(from);
        this.fromFirstDay = from.getDayOfMonth() == 1;
    }

    /**
     * Adds one bucket's steps at or after the period's start, for one field key: from its section by month of
     * {@code t} ({@code {figure: {yyyy-MM: c}}}) the months after the start's month (and that month too when the
     * period starts on its first day), and from its section by day of the start's month ({@code {figure: {dd: c}}})
     * the days from the start on.
     */
    void add(Document byMonth, Document startMonthByDay) {
        if (byMonth != null) {
            byMonth.forEach((figure, steps) -> {
                long total = 0;
                for (Map.Entry<String, Object> step : ((Document) steps).entrySet()) {
                    int order = step.getKey().compareTo(fromMonth);
                    if (order > 0 || order == 0 && fromFirstDay) {
                        total += ((Number) step.getValue()).longValue();
                    }
                }
                merge(figure, total);
            });
        }
        if (!fromFirstDay && startMonthByDay != null) {
            startMonthByDay.forEach((figure, steps) -> {
                long total = 0;
                for (Map.Entry<String, Object> step : ((Document) steps).entrySet()) {
                    if (step.getKey().compareTo(fromDay) >= 0) {
                        total += ((Number) step.getValue()).longValue();
                    }
                }
                merge(figure, total);
            });
        }
    }

    /** The month whose days a period starting on {@code from} reads, or null when it starts on a month's first day. */
    static YearMonth dayDetailFor(LocalDate from) {
        return from.getDayOfMonth() == 1 ? null : YearMonth.from(from);
    }

    private void merge(String figure, long total) {
        if (total != 0) {
            sums.merge(figure, total, Long::sum);
        }
    }

    long get(String figure) {
        return sums.getOrDefault(figure, 0L);
    }

    Map<String, Long> raw() {
        return sums;
    }

    /** Adds another field's sums to these (an official type's figures are the sums of its fields'). */
    void addAll(FigureSums other) {
        other.sums.forEach(this::merge);
        open += other.open;
        overdue += other.overdue;
    }

    /** The {@code report} object of the statistics contract (see {@link ReportFigures}). */
    Map<String, Object> report() {
        return ReportFigures.values(this);
    }

    /** The {@code figures} object of the statistics contract, with exactly its keys. */
    Map<String, Object> figures() {
        long resolved = get(WindowFigures.RESOLVED);
        long failed = get(WindowFigures.FAILED);
        long mediated = resolved + failed;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("sweeps", get(WindowFigures.SWEEPS));
        figures.put("found", get(WindowFigures.FOUND));
        figures.put("registered", get(WindowFigures.REGISTERED));
        figures.put("mediated", mediated);
        figures.put("resolved", resolved);
        figures.put("failed", failed);
        figures.put("successRate", ratio(resolved, mediated, 4));
        figures.put("majorResolved", get(WindowFigures.MAJOR_RESOLVED));
        figures.put("escalated", get(WindowFigures.ESCALATED));
        figures.put("keptLocalRate", ratio(get(WindowFigures.KEPT_LOCAL), resolved, 4));
        figures.put("open", open);
        figures.put("overdue", overdue);
        figures.put("groupIncidents", get(WindowFigures.GROUP_INCIDENTS));
        figures.put("civilToCriminal", get(WindowFigures.CIVIL_TO_CRIMINAL));
        figures.put("satisfaction", ratio(get(WindowFigures.SATISFACTION_SUM), get(WindowFigures.SATISFACTION_COUNT), 2));
        figures.put("meanDaysToResolve", ratio(get(WindowFigures.DAYS_SUM), resolved, 2));
        figures.put("medianDaysToResolve", median());
        return figures;
    }

    private BigDecimal median() {
        TreeMap<Long, Long> histogram = new TreeMap<>();
        sums.forEach((figure, count) -> {
            if (figure.startsWith(WindowFigures.DAYS_HISTOGRAM) && count > 0) {
                histogram.put(Long.parseLong(figure.substring(WindowFigures.DAYS_HISTOGRAM.length())), count);
            }
        });
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        long lower = (total - 1) / 2;
        long upper = total / 2;
        Long lowerValue = null;
        Long upperValue = null;
        long seen = 0;
        for (Map.Entry<Long, Long> entry : histogram.entrySet()) {
            long next = seen + entry.getValue();
            if (lowerValue == null && lower < next) {
                lowerValue = entry.getKey();
            }
            if (upperValue == null && upper < next) {
                upperValue = entry.getKey();
                break;
            }
            seen = next;
        }
        return BigDecimal.valueOf(lowerValue + upperValue).divide(BigDecimal.valueOf(2), 1, RoundingMode.HALF_UP)
                         .stripTrailingZeros();
    }

    static BigDecimal ratio(long numerator, long denominator, int scale) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP);
    }

    /** Escalation counts by from-level and to-level or channel. */
    Map<String, Long> linkage() {
        Map<String, Long> linkage = new TreeMap<>();
        sums.forEach((figure, count) -> {
            if (figure.startsWith(WindowFigures.LINKAGE) && count != 0) {
                linkage.put(figure.substring(WindowFigures.LINKAGE.length()), count);
            }
        });
        return linkage;
    }
}
