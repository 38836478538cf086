package cn.mediation.query.statistics;

import org.bson.Document;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes figures of regions over a period from a {@link StatisticsStore}: one {@code _id $in} read of the
 * buckets of the regions for the period — a month bucket for each month it covers whole, a day bucket for each day of
 * the months it cuts — and of the open counts. Of each bucket it reads the steps summed by month, and by day only
 * for the month in which the period starts when that is not on its first day (for whole months, from their detail
 * document of that month). The cost depends on the number of regions and months asked for, not on the number of
 * disputes.
 */
final class StatisticsCalculator {

    private final StatisticsStore store;

    StatisticsCalculator(StatisticsStore store) {
        this.store = store;
    }

    /** A period of business dates, both ends included. */
    record Period(LocalDate from, LocalDate to) {
    }

    /** Figure sums for each region, for the field key ({@code ALL} or a field code) and every field. */
    Map<String, Map<String, FigureSums>> compute(Collection<String> regions, LocalDate from, LocalDate to,
                                                 Collection<String> fieldKeys, LocalDate today, int overdueDays) {
        Period period = new Period(from, to);
        return compute(regions, List.of(period), fieldKeys, today, overdueDays).get(period);
    }

    /**
     * Figure sums for each period, region and field key, from one read of all the buckets they need: a monthly trend
     * costs one read, not one per month, and each period's sums are exactly what a call for that period alone gives.
     */
    Map<Period, Map<String, Map<String, FigureSums>>> compute(Collection<String> regions, List<Period> periods,
                                                              Collection<String> fieldKeys, LocalDate today,
                                                              int overdueDays) {
        String first = store.firstMonth();
        // the months each region has open counts in, however far back the store's first registration lies
        Map<String, List<YearMonth>> openMonths = first == null ? Map.of()
                : store.openMonths(regions, YearMonth.parse(first), YearMonth.from(today));
        Set<String> ids = new LinkedHashSet<>();
        for (String region : regions) {
            for (Period period : periods) {
                ids.addAll(periodBuckets(region, months(period), period.from(), period.to()));
            }
            openMonths.getOrDefault(region, List.of()).forEach(m -> ids.add(BucketKeys.open(region, m)));
        }
        Set<YearMonth> detail = new LinkedHashSet<>();
        for (Period period : periods) {
            YearMonth month = FigureSums.dayDetailFor(period.from());
            if (month != null) {
                detail.add(month);
            }
        }
        Map<String, Document> buckets = store.buckets(ids, fieldKeys, detail);
        LocalDate overdueBefore = today.minusDays(overdueDays);

        Map<Period, Map<String, Map<String, FigureSums>>> result = new java.util.LinkedHashMap<>();
        for (Period period : periods) {
            List<YearMonth> months = months(period);
            Map<String, Map<String, FigureSums>> byRegion = new java.util.LinkedHashMap<>();
            for (String region : regions) {
                Map<String, FigureSums> byField = new java.util.LinkedHashMap<>();
                for (String fieldKey : fieldKeys) {
                    FigureSums sums = periodSums(buckets, region, fieldKey, period, months);
                    addOpen(sums, buckets, region, fieldKey, openMonths.getOrDefault(region, List.of()),
                            overdueBefore);
                    byField.put(fieldKey, sums);
                }
                byRegion.put(region, byField);
            }
            result.put(period, byRegion);
        }
        return result;
    }

    private static FigureSums periodSums(Map<String, Document> buckets, String region, String fieldKey,
                                         Period period, List<YearMonth> months) {
        FigureSums sums = new FigureSums(period.from());
        FigureSums sweeps = new FigureSums(period.from());
        YearMonth detail = FigureSums.dayDetailFor(period.from());
        for (String id : periodBuckets(region, months, period.from(), period.to())) {
            Document bucket = buckets.get(id);
            if (bucket != null) {
                // a day's bucket holds its steps by day of t itself; a month's keeps them in its detail documents
                Object days = detail == null ? null : section(bucket.get(BucketKeys.DAYS), detail.toString());
                sums.add(section(bucket.get(BucketKeys.MONTHS), fieldKey), section(days, fieldKey));
                sweeps.add(only(section(bucket.get(BucketKeys.MONTHS), BucketKeys.ALL), WindowFigures.SWEEPS),
                           only(section(days, BucketKeys.ALL), WindowFigures.SWEEPS));
            }
        }
        // sweeps are not about a field: a field's view shows the area's sweeps
        sums.raw().put(WindowFigures.SWEEPS, sweeps.get(WindowFigures.SWEEPS));
        return sums;
    }

    /** Open and overdue are counts of now, whatever the period. */
    private static void addOpen(FigureSums sums, Map<String, Document> buckets, String region, String fieldKey,
                                List<YearMonth> openMonths, LocalDate overdueBefore) {
        for (YearMonth month : openMonths) {
            Document open = buckets.get(BucketKeys.open(region, month));
            if (open == null || !(open.get(fieldKey) instanceof Document days)) {
                continue;
            }
            for (Map.Entry<String, Object> day : days.entrySet()) {
                long count = ((Number) day.getValue()).longValue();
                sums.open += count;
                if (month.atDay(Integer.parseInt(day.getKey())).isBefore(overdueBefore)) {
                    sums.overdue += count;
                }
            }
        }
    }

    private static List<YearMonth> months(Period period) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(period.from()); !m.isAfter(YearMonth.from(period.to())); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /** The buckets a period reads for one region: whole months, and the days of the months it cuts. */
    private static List<String> periodBuckets(String region, List<YearMonth> months, LocalDate from, LocalDate to) {
        List<String> ids = new ArrayList<>();
        YearMonth detail = FigureSums.dayDetailFor(from);
        for (YearMonth m : months) {
            if (whole(m, from, to)) {
                ids.add(BucketKeys.bucket(region, m));
                if (detail != null) {
                    ids.add(BucketKeys.detail(region, m, detail.toString()));
                }
            } else {
                for (LocalDate day = start(m, from); !day.isAfter(end(m, to)); day = day.plusDays(1)) {
                    ids.add(BucketKeys.day(region, day));
                }
            }
        }
        return ids;
    }

    private static boolean whole(YearMonth month, LocalDate from, LocalDate to) {
        return !month.atDay(1).isBefore(from) && !month.atEndOfMonth().isAfter(to);
    }

    private static LocalDate start(YearMonth month, LocalDate from) {
        return month.atDay(1).isBefore(from) ? from : month.atDay(1);
    }

    private static LocalDate end(YearMonth month, LocalDate to) {
        return month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
    }

    private static Document section(Object node, String key) {
        return node instanceof Document document && document.get(key) instanceof Document section
                ? section : null;
    }

    private static Document only(Document section, String figure) {
        return section == null || section.get(figure) == null ? null : new Document(figure, section.get(figure));
    }
}
