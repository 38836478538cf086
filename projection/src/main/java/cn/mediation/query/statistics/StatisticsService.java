package cn.mediation.query.statistics;

import cn.mediation.query.support.ReadSideSettings;
import cn.mediation.core.field.DisputeField;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.query.committee.CommitteeQueries;
import cn.mediation.query.committee.ScratchRoster;
import cn.mediation.query.support.BadQuery;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The statistics contract: figures of a region and period, its children, by field, and the linkage. */
@Service
public class StatisticsService {

    private final StatisticsProjection projection;
    private final StatisticsReplay replay;
    private final RegionDirectory regions;
    private final CommitteeQueries committees;
    private final Clock clock;
    private final int overdueDays;
    private final OfficialReportFigures report;
    /** Three years of months: enough for any dashboard comparison, and a bounded read. */
    static final int TREND_MONTHS = 36;

    public StatisticsService(StatisticsProjection projection, StatisticsReplay replay, RegionDirectory regions,
                             CommitteeQueries committees, Clock clock,
                             ReadSideSettings settings) {
        this.projection = projection;
        this.replay = replay;
        this.regions = regions;
        this.committees = committees;
        this.clock = clock;
        this.overdueDays = settings.overdueDays();
        this.report = new OfficialReportFigures(projection, regions, committees, clock, overdueDays);
    }

    public int overdueDays() {
        return overdueDays;
    }

    /** Parsed and checked query parameters. */
    /**
     * Parsed and checked query parameters; {@code asOf} is a recorded instant (what the system knew then),
     * {@code asOfDate} a business date (what the cases' own dates say up to its end); at most one is set.
     */
    public record Query(Region region, LocalDate from, LocalDate to, DisputeField field, Instant asOf,
                        LocalDate asOfDate) {

        public Query(Region region, LocalDate from, LocalDate to, DisputeField field, Instant asOf) {
            this(region, from, to, field, asOf, null);
        }
    }

    public Query parse(String region, String from, String to, String field, String asOf) {
        return parse(region, from, to, field, asOf, null);
    }

    public Query parse(String region, String from, String to, String field, String asOf, String asOfDate) {
        if (region == null || !RegionCode.isValid(region)) {
            throw new BadQuery("region", "must be a 12-digit region code");
        }
        Region found = regions.find(region).orElseThrow(() -> new BadQuery("region", "unknown region " + BadQuery.echo(region)));
        LocalDate start = date(from, "from");
        LocalDate end = date(to, "to");
        if (end.isBefore(start)) {
            throw new BadQuery("to", "must not be before from");
        }
        if (ChronoUnit.YEARS.between(start, end) >= 20) {
            throw new BadQuery("to", "a period is at most 20 years");
        }
        DisputeField disputeField = null;
        if (field != null && !field.isBlank()) {
            disputeField = FieldTaxonomy.find(field).orElseThrow(() -> new BadQuery("field", "unknown field " + BadQuery.echo(field)));
        }
        Instant instant = null;
        if (asOf != null && !asOf.isBlank()) {
            try {
                instant = Instant.parse(asOf);
            } catch (DateTimeParseException e) {
                throw new BadQuery("asOf", "must be an ISO instant such as 2026-03-31T16:00:00Z");
            }
        }
        LocalDate businessDate = null;
        if (asOfDate != null && !asOfDate.isBlank()) {
            if (instant != null) {
                throw new BadQuery("asOfDate", "give asOf (a recorded instant) or asOfDate (a business date), not both");
            }
            businessDate = date(asOfDate, "asOfDate");
        }
        return new Query(found, start, end, disputeField, instant, businessDate);
    }

    /** The earlier period a view is compared with. */
    public record Comparison(String kind, LocalDate from, LocalDate to) {
    }

    /**
     * {@code previous} (环比): the period of equal length just before — as many whole months before when the period
     * is whole calendar months (a month, a quarter, a year), as many days before otherwise; {@code lastYear} (同比):
     * the same dates a year earlier (a month's last day stays its month's last day).
     */
    public static Comparison comparison(String compare, LocalDate from, LocalDate to) {
        if (compare == null || compare.isBlank()) {
            return null;
        }
        switch (compare) {
            case "previous" -> {
                LocalDate end = from.minusDays(1);
                if (from.getDayOfMonth() == 1 && to.equals(YearMonth.from(to).atEndOfMonth())) {
                    long months = ChronoUnit.MONTHS.between(YearMonth.from(from), YearMonth.from(to)) + 1;
                    return new Comparison(compare, YearMonth.from(from).minusMonths(months).atDay(1), end);
                }
                long days = ChronoUnit.DAYS.between(from, to) + 1;
                return new Comparison(compare, end.minusDays(days - 1), end);
            }
            case "lastYear" -> {
                LocalDate end = to.equals(YearMonth.from(to).atEndOfMonth())
                        ? YearMonth.from(to).minusYears(1).atEndOfMonth() : to.minusYears(1);
                return new Comparison(compare, from.minusYears(1), end);
            }
            default -> throw new BadQuery("compare", "must be previous or lastYear");
        }
    }

    /** Open and overdue describe the present (or the asOf moment), not a period: they have no earlier value. */
    static final java.util.Set<String> PRESENT_FIGURES = java.util.Set.of("open", "overdue");

    /**
     * Each figure's change against the earlier period: {@code difference} (in the figure's unit; a rate's in its
     * fraction) when both values exist, {@code ratio} (difference over the earlier value, 4 decimals) when the
     * earlier value is not zero; null for a figure of the present.
     */
    static Map<String, Object> change(Map<String, Object> now, Map<String, Object> before) {
        Map<String, Object> change = new LinkedHashMap<>();
        now.forEach((figure, value) -> {
            if (value instanceof java.util.Collection<?>) {
                return;   // a breakdown (the trade committees), not a figure
            }
            Object earlier = before.get(figure);
            if (PRESENT_FIGURES.contains(figure)) {
                change.put(figure, null);
                return;
            }
            java.math.BigDecimal a = decimal(value);
            java.math.BigDecimal b = decimal(earlier);
            Map<String, Object> entry = new LinkedHashMap<>();
            java.math.BigDecimal difference = a == null || b == null ? null : a.subtract(b);
            entry.put("difference", difference == null ? null
                    : value instanceof Long ? (Object) difference.longValue() : difference);
            entry.put("ratio", difference == null || b.signum() == 0 ? null
                    : difference.divide(b, 4, java.math.RoundingMode.HALF_UP));
            change.put(figure, entry);
        });
        return change;
    }

    private static java.math.BigDecimal decimal(Object value) {
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal;
        }
        return value instanceof Number number ? java.math.BigDecimal.valueOf(number.longValue()) : null;
    }

    private static LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new BadQuery(name, "is required (YYYY-MM-DD)");
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 1949 || date.getYear() > 2999) {
                throw new BadQuery(name, "is outside the years this system records");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new BadQuery(name, "must be a date YYYY-MM-DD");
        }
    }

    public Map<String, Object> statistics(Query query) {
        return statistics(query, null);
    }

    /** The statistics of the query, compared with an earlier period when {@code compare} names one. */
    public Map<String, Object> statistics(Query query, String compare) {
        if (query.asOf() == null) {
            return statistics(query, compare, query.asOfDate() != null
                    ? replay.replayUntilDate(query.asOfDate()).store() : projection.store(), committees);
        }
        // as recorded at an instant: the figures and the roster both as the log stood then
        try (ScratchRoster roster = committees.scratchRoster()) {
            return statistics(query, compare, replay.replayUntil(query.asOf(), roster::apply).store(),
                              roster.queries());
        }
    }

    private Map<String, Object> statistics(Query query, String compare, StatisticsStore store,
                                           CommitteeQueries roster) {
        Comparison comparison = comparison(compare, query.from(), query.to());
        LocalDate today = query.asOf() != null ? LocalDate.ofInstant(query.asOf(), clock.getZone())
                : query.asOfDate() != null ? query.asOfDate() : LocalDate.now(clock);
        String fieldKey = query.field() == null ? BucketKeys.ALL : query.field().code();
        Region region = query.region();
        List<Region> children = regions.children(region.code());

        List<String> fieldKeys = new ArrayList<>();
        fieldKeys.add(fieldKey);
        if (query.field() == null) {
            FieldTaxonomy.all().forEach(f -> fieldKeys.add(f.code()));
        }
        StatisticsCalculator calculator = new StatisticsCalculator(store);
        // the region itself by every field; its children by the asked field only
        Map<String, Map<String, FigureSums>> sums = new java.util.LinkedHashMap<>(
                calculator.compute(List.of(region.code().value()), query.from(), query.to(), fieldKeys, today,
                                   overdueDays));
        if (!children.isEmpty()) {
            sums.putAll(calculator.compute(children.stream().map(c -> c.code().value()).toList(), query.from(),
                                           query.to(), List.of(fieldKey), today, overdueDays));
        }
        FigureSums own = sums.get(region.code().value()).get(fieldKey);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", regionSummary(region));
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        body.put("field", query.field() == null ? null : query.field().code());
        body.put("asOf", query.asOf() == null ? null : query.asOf().toString());
        body.put("asOfDate", query.asOfDate() == null ? null : query.asOfDate().toString());
        body.put("figures", own.figures());
        List<Region> areas = new ArrayList<>(List.of(region));
        areas.addAll(children);
        // one read of the committees within the region: its roster and coverage, at the period's end and before
        CommitteeQueries.Roster committeesWithin = report.rosterWithin(roster, region);
        Map<String, Map<String, Object>> organisation = OfficialReportFigures.organisation(committeesWithin, areas,
                                                                                          query.to());
        Map<String, Object> ownReport = OfficialReportFigures.report(own, organisation.get(region.code().value()));
        body.put("report", ownReport);
        Map<String, Object> compared = new LinkedHashMap<>();
        if (comparison != null) {
            FigureSums earlierSums = calculator.compute(List.of(region.code().value()), comparison.from(),
                                                        comparison.to(), List.of(fieldKey), today, overdueDays)
                                               .get(region.code().value()).get(fieldKey);
            Map<String, Object> earlier = earlierSums.figures();
            Map<String, Object> earlierReport = OfficialReportFigures.report(earlierSums, OfficialReportFigures
                    .organisation(committeesWithin, List.of(region), comparison.to()).get(region.code().value()));
            compared.put("kind", comparison.kind());
            compared.put("from", comparison.from().toString());
            compared.put("to", comparison.to().toString());
            compared.put("figures", earlier);
            compared.put("report", earlierReport);
            body.put("comparison", compared);
            body.put("change", change(own.figures(), earlier));
            body.put("reportChange", change(ownReport, earlierReport));
        }
        // the mediators serving every village of the region at the period's end, for its coverage and its children's
        List<Region> villages = villagesOf(region);
        List<String> villageCodes = villages.stream().map(v -> v.code().value()).toList();
        Map<String, Integer> perVillage = committeesWithin.mediatorsServing(villageCodes, query.to());
        if (comparison != null) {
            compared.put("mediators", coverage(
                    villages, committeesWithin.mediatorsServing(villageCodes, comparison.to())));
        }
        Map<String, Map<String, Object>> coverage = childCoverage(children, perVillage);
        List<Map<String, Object>> childFigures = new ArrayList<>();
        for (Region child : children) {
            FigureSums childSums = sums.get(child.code().value()).get(fieldKey);
            childFigures.add(Map.of("region", regionSummary(child), "figures", childSums.figures(),
                                    "report", OfficialReportFigures.report(childSums, organisation.get(child.code().value())),
                                    "mediators", coverage.get(child.code().value())));
        }
        body.put("children", childFigures);
        List<Map<String, Object>> byField = new ArrayList<>();
        for (DisputeField field : FieldTaxonomy.all()) {
            if (query.field() != null && !query.field().equals(field)) {
                continue;
            }
            FigureSums fieldSums = query.field() != null ? own : sums.get(region.code().value()).get(field.code());
            Map<String, Object> fieldSummary = new LinkedHashMap<>();
            fieldSummary.put("code", field.code());
            fieldSummary.put("name", field.chinese());
            fieldSummary.put("nameEn", field.english());
            byField.add(Map.of("field", fieldSummary, "figures", fieldSums.figures()));
        }
        body.put("byField", byField);
        body.put("byOfficialType", query.field() != null ? List.of()
                : OfficialReportFigures.byOfficialType(sums.get(region.code().value())));
        body.put("officialTypeMapping", cn.mediation.core.report.OfficialTypeMapping.VERSION);
        List<Map<String, Object>> linkage = new ArrayList<>();
        own.linkage().forEach((key, count) -> {
            String[] parts = key.split(":");
            Map<String, Object> flow = new LinkedHashMap<>();
            flow.put("from", parts[0]);
            flow.put("to", parts[1]);
            flow.put("count", count);
            linkage.add(flow);
        });
        body.put("linkage", linkage);
        body.put("mediators", mediators(villages, perVillage));
        body.put("overdueLimitDays", overdueDays);
        body.put("better", cn.mediation.query.export.ReportColumns.better());
        return body;
    }

    /**
     * The region's figures per calendar month of the period, each month clipped to it: the same figures a call for
     * that month alone returns, without children or fields, so that a three-year trend stays one keyed read.
     */
    public Map<String, Object> trend(Query query) {
        List<StatisticsCalculator.Period> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(query.from()); !m.isAfter(YearMonth.from(query.to())); m = m.plusMonths(1)) {
            if (months.size() == TREND_MONTHS) {
                throw new BadQuery("to", "a trend covers at most " + TREND_MONTHS + " months");
            }
            LocalDate start = m.atDay(1).isBefore(query.from()) ? query.from() : m.atDay(1);
            LocalDate end = m.atEndOfMonth().isAfter(query.to()) ? query.to() : m.atEndOfMonth();
            months.add(new StatisticsCalculator.Period(start, end));
        }
        String fieldKey = query.field() == null ? BucketKeys.ALL : query.field().code();
        String region = query.region().code().value();
        Map<StatisticsCalculator.Period, Map<String, Map<String, FigureSums>>> sums =
                new StatisticsCalculator(projection.store()).compute(List.of(region), months, List.of(fieldKey),
                                                                     LocalDate.now(clock), overdueDays);
        List<Map<String, Object>> monthly = new ArrayList<>();
        for (StatisticsCalculator.Period month : months) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("month", YearMonth.from(month.from()).toString());
            entry.put("from", month.from().toString());
            entry.put("to", month.to().toString());
            entry.put("figures", sums.get(month).get(region).get(fieldKey).figures());
            monthly.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", regionSummary(query.region()));
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        body.put("field", query.field() == null ? null : query.field().code());
        body.put("months", monthly);
        return body;
    }

    /**
     * The official report of an area and period (see {@link OfficialReportFigures#officialReport}): one row for the
     * area and one for each area below it.
     */
    public Map<String, Object> officialReport(Region area, LocalDate from, LocalDate to) {
        return report.officialReport(area, from, to);
    }

    /** The same as the system had it at {@code asOf} (a replay of the log up to then). */
    public Map<String, Object> officialReport(Region area, LocalDate from, LocalDate to, java.time.Instant asOf) {
        return report.officialReport(area, from, to, asOf, replay);
    }

    /** The least number of mediators a village has (一村不少于3名调解员). */
    public static final int MINIMUM_MEDIATORS = 3;

    /** Mediators per village of the region, and the villages under the minimum of three, by name. */
    private Map<String, Object> mediators(List<Region> villages, Map<String, Integer> perVillage) {
        Map<String, Object> body = coverage(villages, perVillage);
        List<Map<String, Object>> under = new ArrayList<>();
        for (Region village : villages) {
            int count = perVillage.getOrDefault(village.code().value(), 0);
            if (count < MINIMUM_MEDIATORS) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("code", village.code().value());
                entry.put("name", village.name());
                entry.put("town", regions.find(village.parentCode()).map(Region::name).orElse(null));
                entry.put("mediators", count);
                under.add(entry);
            }
        }
        body.put("villagesUnderMinimumList", under);
        return body;
    }

    /** Each child's coverage (villages, mediators, per village, villages under the minimum). */
    private Map<String, Map<String, Object>> childCoverage(List<Region> children, Map<String, Integer> perVillage) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (Region child : children) {
            result.put(child.code().value(), coverage(villagesOf(child), perVillage));
        }
        return result;
    }

    private List<Region> villagesOf(Region region) {
        return region.level() == RegionLevel.VILLAGE ? List.of(region) : regions.villagesWithin(region.code());
    }

    private static Map<String, Object> coverage(List<Region> villages, Map<String, Integer> perVillage) {
        long total = villages.stream().mapToLong(v -> perVillage.getOrDefault(v.code().value(), 0)).sum();
        List<String> under = villages.stream().map(v -> v.code().value())
                                     .filter(code -> perVillage.getOrDefault(code, 0) < MINIMUM_MEDIATORS).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("villages", villages.size());
        body.put("mediators", total);
        body.put("perVillage", FigureSums.ratio(total, villages.size(), 2));
        body.put("villagesUnderMinimum", under.size());
        body.put("villagesUnderMinimumCodes", under);
        return body;
    }

    static Map<String, Object> regionSummary(Region region) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("code", region.code().value());
        summary.put("name", region.name());
        summary.put("level", region.level().name());
        return summary;
    }

    ZoneId zone() {
        return clock.getZone();
    }
}
