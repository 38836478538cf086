package cn.mediation.query.statistics;

import cn.mediation.core.field.DisputeField;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.query.committee.CommitteeQueries;
import cn.mediation.query.support.BadQuery;
import cn.mediation.query.support.NotFound;
import org.springframework.beans.factory.annotation.Value;
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
    /** Three years of months: enough for any dashboard comparison, and a bounded read. */
    static final int TREND_MONTHS = 36;

    public StatisticsService(StatisticsProjection projection, StatisticsReplay replay, RegionDirectory regions,
                             CommitteeQueries committees, Clock clock,
                             @Value("${mediation.overdue-days:30}") int overdueDays) {
        this.projection = projection;
        this.replay = replay;
        this.regions = regions;
        this.committees = committees;
        this.clock = clock;
        this.overdueDays = overdueDays;
    }

    public int overdueDays() {
        return overdueDays;
    }

    /** Parsed and checked query parameters. */
    public record Query(Region region, LocalDate from, LocalDate to, DisputeField field, Instant asOf) {
    }

    public Query parse(String region, String from, String to, String field, String asOf) {
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
        return new Query(found, start, end, disputeField, instant);
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
        StatisticsStore store = query.asOf() == null ? projection.store() : replay.replayUntil(query.asOf()).store();
        LocalDate today = query.asOf() == null ? LocalDate.now(clock)
                : LocalDate.ofInstant(query.asOf(), clock.getZone());
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
        body.put("figures", own.figures());
        List<Map<String, Object>> childFigures = new ArrayList<>();
        for (Region child : children) {
            childFigures.add(Map.of("region", regionSummary(child),
                                    "figures", sums.get(child.code().value()).get(fieldKey).figures()));
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
            byField.add(Map.of("field", fieldSummary, "figures", fieldSums.figures()));
        }
        body.put("byField", byField);
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
        body.put("mediators", mediators(region));
        body.put("overdueLimitDays", overdueDays);
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

    /** Mediators per village of the region now, and the villages under the minimum of three. */
    private Map<String, Object> mediators(Region region) {
        List<Region> villages = region.level() == RegionLevel.VILLAGE ? List.of(region)
                : regions.villagesWithin(region.code());
        Map<String, Integer> perVillage = committees.mediatorsServing(villages.stream().map(v -> v.code().value())
                                                                              .toList());
        long total = perVillage.values().stream().mapToLong(Integer::longValue).sum();
        List<String> under = villages.stream().map(v -> v.code().value())
                                     .filter(code -> perVillage.getOrDefault(code, 0) < 3).toList();
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
