package cn.mediation.query.statistics;

import cn.mediation.core.committee.CommitteeKind;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.report.OfficialDisputeType;
import cn.mediation.core.report.OfficialTypeMapping;
import cn.mediation.query.committee.CommitteeQueries;
import cn.mediation.query.committee.ScratchRoster;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of the official report (see docs/official-report.md): the report figures of an area's disputes
 * ({@link ReportFigures}) with its roster of committees and mediators, the figures by official dispute type, and the
 * report of an area and its children with the same period a year earlier.
 */
final class OfficialReportFigures {

    private final StatisticsProjection projection;
    private final RegionDirectory regions;
    private final CommitteeQueries committees;
    private final Clock clock;
    private final int overdueDays;

    OfficialReportFigures(StatisticsProjection projection, RegionDirectory regions, CommitteeQueries committees,
                          Clock clock, int overdueDays) {
        this.projection = projection;
        this.regions = regions;
        this.committees = committees;
        this.clock = clock;
        this.overdueDays = overdueDays;
    }

    /** The official report's figures of an area: those of its disputes ({@link ReportFigures}) and its roster. */
    static Map<String, Object> report(FigureSums sums, Map<String, Object> organisation) {
        Map<String, Object> report = new LinkedHashMap<>(sums.report());
        report.put("sweeps", sums.get(WindowFigures.SWEEPS));
        report.put("found", sums.get(WindowFigures.FOUND));
        report.putAll(organisation);
        return report;
    }

    /** The committees of an area and every area within it, read once (see {@link CommitteeQueries#roster}). */
    CommitteeQueries.Roster rosterWithin(CommitteeQueries roster, Region top) {
        List<String> codes = new ArrayList<>();
        for (Region region : regions.all()) {
            if (region.code().isWithin(top.code())) {
                codes.add(region.code().value());
            }
        }
        return roster.roster(codes);
    }

    /**
     * Committees by kind and mediators by full-time flag of each area (an area and those below it, all within the
     * roster read), of the committees established within it, as they stood at the end of {@code day} (a period's
     * last day).
     */
    static Map<String, Map<String, Object>> organisation(CommitteeQueries.Roster roster, List<Region> areas,
                                                         LocalDate day) {
        Map<String, Map<String, Long>> byRegion = roster.organisation(day);
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (Region area : areas) {
            Map<String, Long> counts = new HashMap<>();
            byRegion.forEach((code, regionCounts) -> {
                if (RegionCode.of(code).isWithin(area.code())) {
                    regionCounts.forEach((key, n) -> counts.merge(key, n, Long::sum));
                }
            });
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("committees", counts.getOrDefault("committees", 0L));
            for (CommitteeKind kind : CommitteeKind.values()) {
                body.put("committees" + ReportFigures.camel(kind.name()),
                         counts.getOrDefault("committees:" + kind.name(), 0L));
            }
            body.put("committeesKindNotRecorded", counts.getOrDefault("committees:-", 0L));
            body.put("mediators", counts.getOrDefault("mediators", 0L));
            body.put("mediatorsFullTime", counts.getOrDefault("mediators:fullTime", 0L));
            body.put("mediatorsPartTime", counts.getOrDefault("mediators:partTime", 0L));
            body.put("mediatorsNotRecorded", counts.getOrDefault("mediators:-", 0L));
            body.put("committeesByTrade", byTrade(counts));
            result.put(area.code().value(), body);
        }
        return result;
    }

    /**
     * The trade committees (行业性专业性) of an area's counts by trade, the most committees first, then by trade:
     * {@code trade} ({@code null}: not recorded), {@code committees} and their {@code mediators}.
     */
    private static List<Map<String, Object>> byTrade(Map<String, Long> counts) {
        List<Map<String, Object>> trades = new ArrayList<>();
        counts.forEach((key, n) -> {
            if (key.startsWith(CommitteeQueries.TRADE)) {
                String trade = key.substring(CommitteeQueries.TRADE.length());
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("trade", trade.isEmpty() ? null : trade);
                entry.put("committees", n);
                entry.put("mediators", counts.getOrDefault(CommitteeQueries.TRADE_MEDIATORS + trade, 0L));
                trades.add(entry);
            }
        });
        trades.sort(Comparator.comparing((Map<String, Object> t) -> -(Long) t.get("committees"))
                              .thenComparing(t -> (String) t.get("trade"),
                                             Comparator.nullsLast(Comparator.naturalOrder())));
        return trades;
    }

    /**
     * The region's figures by official dispute type: each type's figures are the sums of its fields' (each field maps
     * to exactly one type), so the types add up to the region's. Sweeps are not about a field: each type shows none.
     */
    static List<Map<String, Object>> byOfficialType(Map<String, FigureSums> byField) {
        List<Map<String, Object>> types = new ArrayList<>();
        for (OfficialDisputeType type : OfficialDisputeType.values()) {
            FigureSums sums = new FigureSums(LocalDate.EPOCH);
            for (String field : OfficialTypeMapping.fieldsOf(type)) {
                FigureSums fieldSums = byField.get(field);
                if (fieldSums != null) {
                    sums.addAll(fieldSums);
                }
            }
            sums.raw().remove(WindowFigures.SWEEPS);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("code", type.name());
            summary.put("name", type.chinese());
            summary.put("fields", OfficialTypeMapping.fieldsOf(type));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", summary);
            entry.put("figures", sums.figures());
            entry.put("report", sums.report());
            types.add(entry);
        }
        return types;
    }

    /**
     * The official report of an area and period: one row for the area and one for each area below it, each with
     * the contract's {@code figures}, its {@code report} figures, its figures by official type and, for the headline
     * figures, the same period a year earlier (同比). All from one read of the buckets per period.
     */
    Map<String, Object> officialReport(Region area, LocalDate from, LocalDate to) {
        return officialReport(area, from, to, projection.store(), committees, LocalDate.now(clock));
    }

    /**
     * The official report as the system had it at {@code asOf}: the figures and the roster both replayed from the
     * events recorded by then, so that a report made then is made again, figure for figure ({@code asOf} in the body).
     */
    Map<String, Object> officialReport(Region area, LocalDate from, LocalDate to, java.time.Instant asOf,
                                       StatisticsReplay replay) {
        try (ScratchRoster roster = committees.scratchRoster()) {
            StatisticsStore store = replay.replayUntil(asOf, roster::apply).store();
            Map<String, Object> body = officialReport(area, from, to, store, roster.queries(),
                                                      LocalDate.ofInstant(asOf, clock.getZone()));
            body.put("asOf", asOf.toString());
            return body;
        }
    }

    private Map<String, Object> officialReport(Region area, LocalDate from, LocalDate to, StatisticsStore store,
                                               CommitteeQueries roster, LocalDate today) {
        List<Region> rowsAreas = new ArrayList<>();
        rowsAreas.add(area);
        rowsAreas.addAll(regions.children(area.code()));
        List<String> codes = rowsAreas.stream().map(r -> r.code().value()).toList();
        List<String> fieldKeys = new ArrayList<>();
        fieldKeys.add(BucketKeys.ALL);
        FieldTaxonomy.all().forEach(f -> fieldKeys.add(f.code()));
        StatisticsCalculator calculator = new StatisticsCalculator(store);
        Map<String, Map<String, FigureSums>> now = calculator.compute(codes, from, to, fieldKeys, today, overdueDays);
        StatisticsService.Comparison lastYear = StatisticsService.comparison("lastYear", from, to);
        Map<String, Map<String, FigureSums>> before = calculator.compute(codes, lastYear.from(), lastYear.to(),
                                                                         List.of(BucketKeys.ALL), today, overdueDays);
        Map<String, Map<String, Object>> organisation = organisation(rosterWithin(roster, area), rowsAreas, to);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Region row : rowsAreas) {
            String code = row.code().value();
            FigureSums sums = now.get(code).get(BucketKeys.ALL);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("region", StatisticsService.regionSummary(row));
            entry.put("figures", sums.figures());
            entry.put("report", report(sums, organisation.get(code)));
            Map<String, Object> byType = new LinkedHashMap<>();
            for (Map<String, Object> type : byOfficialType(now.get(code))) {
                byType.put((String) ((Map<?, ?>) type.get("type")).get("code"), type.get("report"));
            }
            entry.put("byOfficialType", byType);
            FigureSums earlier = before.get(code).get(BucketKeys.ALL);
            Map<String, Object> earlierFigures = earlier.figures();
            Map<String, Object> previous = new LinkedHashMap<>();
            Map<String, Object> earlierReport = earlier.report();
            previous.put("accepted", earlierReport.get("accepted"));
            previous.put("acceptedParties", earlierReport.get("acceptedParties"));
            previous.put("agreementAmount", earlierReport.get("agreementAmount"));
            previous.put("resolved", earlierFigures.get("resolved"));
            previous.put("successRate", earlierFigures.get("successRate"));
            entry.put("lastYear", previous);
            rows.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", StatisticsService.regionSummary(area));
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("lastYearFrom", lastYear.from().toString());
        body.put("lastYearTo", lastYear.to().toString());
        body.put("officialTypeMapping", OfficialTypeMapping.VERSION);
        body.put("rows", rows);
        return body;
    }
}
