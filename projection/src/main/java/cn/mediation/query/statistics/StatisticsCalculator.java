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
 * buckets of the regions and the months the period touches — whole months from their totals, the edge months day by
 * day — and of the open counts. The cost depends on the number of regions and months asked for, not on the number
 * of disputes.
 */
final class StatisticsCalculator {

    private final StatisticsStore store;

    StatisticsCalculator(StatisticsStore store) {
        this.store = store;
    }

    /** Figure sums for each region, for the field key ({@code ALL} or a field code) and every field. */
    Map<String, Map<String, FigureSums>> compute(Collection<String> regions, LocalDate from, LocalDate to,
                                                 Collection<String> fieldKeys, LocalDate today, int overdueDays) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            months.add(m);
        }
        String first = store.firstMonth();
        List<YearMonth> openMonths = new ArrayList<>();
        if (first != null) {
            YearMonth last = YearMonth.from(today);
            for (YearMonth m = YearMonth.parse(first); !m.isAfter(last); m = m.plusMonths(1)) {
                openMonths.add(m);
            }
        }
        Set<String> wholeIds = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String region : regions) {
            for (YearMonth m : months) {
                boolean whole = !m.atDay(1).isBefore(from) && !m.atEndOfMonth().isAfter(to);
                (whole ? wholeIds : ids).add(BucketKeys.bucket(region, m));
            }
            openMonths.forEach(m -> ids.add(BucketKeys.open(region, m)));
        }
        Map<String, Document> buckets = new java.util.HashMap<>(store.buckets(ids));
        if (!wholeIds.isEmpty()) {
            buckets.putAll(store.monthTotals(wholeIds));
        }
        LocalDate overdueBefore = today.minusDays(overdueDays);

        Map<String, Map<String, FigureSums>> result = new java.util.LinkedHashMap<>();
        for (String region : regions) {
            Map<String, FigureSums> byField = new java.util.LinkedHashMap<>();
            for (String fieldKey : fieldKeys) {
                FigureSums sums = new FigureSums(from);
                for (YearMonth month : months) {
                    Document bucket = buckets.get(BucketKeys.bucket(region, month));
                    if (bucket == null) {
                        continue;
                    }
                    boolean whole = !month.atDay(1).isBefore(from) && !month.atEndOfMonth().isAfter(to);
                    if (whole) {
                        sums.add(section(bucket.get("m"), fieldKey));
                    } else {
                        Document days = (Document) bucket.get("d");
                        if (days == null) {
                            continue;
                        }
                        LocalDate start = month.atDay(1).isBefore(from) ? from : month.atDay(1);
                        LocalDate end = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
                        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                            sums.add(section(days.get(BucketKeys.day(day)), fieldKey));
                        }
                    }
                }
                String sweepsKey = BucketKeys.ALL;
                if (!sweepsKey.equals(fieldKey)) {
                    // sweeps are not about a field: a field's view shows the area's sweeps
                    FigureSums all = new FigureSums(from);
                    for (YearMonth month : months) {
                        Document bucket = buckets.get(BucketKeys.bucket(region, month));
                        if (bucket != null) {
                            addSweeps(all, bucket, month, from, to);
                        }
                    }
                    sums.raw().put(WindowFigures.SWEEPS, all.get(WindowFigures.SWEEPS));
                }
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
                byField.put(fieldKey, sums);
            }
            result.put(region, byField);
        }
        return result;
    }

    private static void addSweeps(FigureSums sums, Document bucket, YearMonth month, LocalDate from, LocalDate to) {
        boolean whole = !month.atDay(1).isBefore(from) && !month.atEndOfMonth().isAfter(to);
        if (whole) {
            Document section = section(bucket.get("m"), BucketKeys.ALL);
            if (section != null && section.get(WindowFigures.SWEEPS) != null) {
                sums.add(new Document(WindowFigures.SWEEPS, section.get(WindowFigures.SWEEPS)));
            }
            return;
        }
        Document days = (Document) bucket.get("d");
        if (days == null) {
            return;
        }
        LocalDate start = month.atDay(1).isBefore(from) ? from : month.atDay(1);
        LocalDate end = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            Document section = section(days.get(BucketKeys.day(day)), BucketKeys.ALL);
            if (section != null && section.get(WindowFigures.SWEEPS) != null) {
                sums.add(new Document(WindowFigures.SWEEPS, section.get(WindowFigures.SWEEPS)));
            }
        }
    }

    private static Document section(Object node, String fieldKey) {
        return node instanceof Document document && document.get(fieldKey) instanceof Document section
                ? section : null;
    }
}
