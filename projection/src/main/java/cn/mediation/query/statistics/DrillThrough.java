package cn.mediation.query.statistics;

import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.query.dispute.DisputeViews;
import cn.mediation.query.support.BadQuery;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The disputes behind a figure. Candidates come from the village-and-month index of the region and period (keyed
 * lookups); each candidate's facts are evaluated over the period with the same code that builds the figures, so the
 * list has exactly as many disputes as the figure counts.
 */
@Component
public class DrillThrough {

    static final List<String> FIGURES = figures();

    /** The contract's figures, then the official report's: for persons and amounts, the disputes they sum over. */
    private static List<String> figures() {
        List<String> figures = new ArrayList<>(List.of("registered", "found", "mediated", "resolved", "failed",
                                                       "majorResolved", "escalated", "keptLocal", "open", "overdue",
                                                       "groupIncidents", "civilToCriminal", "satisfaction"));
        ReportFigures.all().forEach(f -> figures.add(f.name()));
        return List.copyOf(figures);
    }

    private final StatisticsProjection projection;
    private final RegionDirectory regions;
    private final DisputeViews views;
    private final StatisticsService statistics;
    private final Clock clock;

    public DrillThrough(StatisticsProjection projection, RegionDirectory regions, DisputeViews views,
                        StatisticsService statistics, Clock clock) {
        this.projection = projection;
        this.regions = regions;
        this.views = views;
        this.statistics = statistics;
        this.clock = clock;
    }

    /** The most cases one export of a figure's list holds. */
    public static final int EXPORT_LIMIT = 5_000;

    public Map<String, Object> cases(StatisticsService.Query query, String figure, int page, int size) {
        if (figure == null || !FIGURES.contains(figure)) {
            throw new BadQuery("figure", "must be one of " + FIGURES);
        }
        if (page < 0 || page > 100_000) {
            throw new BadQuery("page", "must be from 0 to 100000");
        }
        if (size < 1 || size > 500) {
            throw new BadQuery("size", "must be from 1 to 500");
        }
        return list(query, figure, page, size);
    }

    /** The first {@link #EXPORT_LIMIT} cases behind a figure, for an export (the body says the total). */
    public Map<String, Object> all(StatisticsService.Query query, String figure) {
        if (figure == null || !FIGURES.contains(figure)) {
            throw new BadQuery("figure", "must be one of " + FIGURES);
        }
        return list(query, figure, 0, EXPORT_LIMIT);
    }

    private Map<String, Object> list(StatisticsService.Query query, String figure, int page, int size) {
        Region region = query.region();
        List<Region> villages = region.level() == RegionLevel.VILLAGE ? List.of(region)
                : regions.villagesWithin(region.code());
        boolean present = figure.equals("open") || figure.equals("overdue");
        LocalDate today = LocalDate.now(clock);
        YearMonth firstMonth = present
                ? (projection.store().firstMonth() == null ? YearMonth.from(today)
                   : YearMonth.parse(projection.store().firstMonth()))
                : YearMonth.from(query.from());
        YearMonth lastMonth = present ? YearMonth.from(today) : YearMonth.from(query.to());
        // only the months each village has disputes in, however far back the store's first registration lies
        List<String> keys = projection.index().keysWithin(villages.stream().map(v -> v.code().value()).toList(),
                                                          firstMonth, lastMonth);
        List<String> matching = new ArrayList<>();
        for (String disputeId : projection.index().disputes(keys)) {
            StatisticsStore.Stored stored = projection.store().facts(disputeId);
            if (stored == null) {
                continue;
            }
            DisputeFacts facts = stored.facts();
            if (query.field() != null && !query.field().code().equals(facts.field)) {
                continue;
            }
            if (matches(facts, figure, query.from(), query.to(), today)) {
                matching.add(disputeId);
            }
        }
        matching.sort(String::compareTo);
        int fromIndex = Math.min(page * size, matching.size());
        int toIndex = Math.min(fromIndex + size, matching.size());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> view : views.findAll(matching.subList(fromIndex, toIndex))) {
            Map<String, Object> item = new LinkedHashMap<>(view);
            item.put("villageName", regions.find(String.valueOf(view.get("villageCode"))).map(Region::name)
                                           .orElse(null));
            item.put("handlingUnitName", regions.find(String.valueOf(view.get("handlingUnit"))).map(Region::name)
                                                .orElse(null));
            items.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("figure", figure);
        body.put("region", StatisticsService.regionSummary(region));
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        body.put("field", query.field() == null ? null : query.field().code());
        body.put("total", matching.size());
        body.put("page", page);
        body.put("size", size);
        body.put("pages", (matching.size() + size - 1) / size);
        body.put("items", items);
        return body;
    }

    private boolean matches(DisputeFacts facts, String figure, LocalDate from, LocalDate to, LocalDate today) {
        if (figure.equals("open")) {
            return facts.open;
        }
        if (figure.equals("overdue")) {
            return facts.open && facts.registeredOn.isBefore(today.minusDays(statistics.overdueDays()));
        }
        List<DisputeFacts.Fact> upToEnd = facts.facts.stream().filter(f -> !f.date().isAfter(to)).toList();
        Map<String, Long> values = WindowFigures.evaluate(facts, upToEnd, from);
        return switch (figure) {
            case "registered" -> values.containsKey(WindowFigures.REGISTERED);
            case "found" -> values.containsKey(WindowFigures.FOUND);
            case "resolved" -> values.containsKey(WindowFigures.RESOLVED);
            case "failed" -> values.containsKey(WindowFigures.FAILED);
            case "mediated" -> values.containsKey(WindowFigures.RESOLVED) || values.containsKey(WindowFigures.FAILED);
            case "majorResolved" -> values.containsKey(WindowFigures.MAJOR_RESOLVED);
            case "escalated" -> values.containsKey(WindowFigures.ESCALATED);
            case "keptLocal" -> values.containsKey(WindowFigures.KEPT_LOCAL);
            case "groupIncidents" -> values.containsKey(WindowFigures.GROUP_INCIDENTS);
            case "civilToCriminal" -> values.containsKey(WindowFigures.CIVIL_TO_CRIMINAL);
            case "satisfaction" -> values.containsKey(WindowFigures.SATISFACTION_COUNT);
            default -> ReportFigures.find(figure).map(f -> values.getOrDefault(f.windowKey(), 0L) != 0)
                                    .orElse(false);
        };
    }
}
