package cn.mediation.query.export;

import cn.mediation.core.field.DisputeField;
import cn.mediation.core.field.FieldTaxonomy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statistics of one query shaped as a report: what it is about (region, period, field, when it was made) and two
 * tables, by region and by field. It is built from the very body {@code GET /api/statistics} answers, so the
 * exported numbers are the numbers on screen.
 */
public record StatisticsReport(String regionName, String regionCode, LocalDate from, LocalDate to, String fieldCode,
                               String fieldName, LocalDateTime generatedAt, List<ReportTable> tables) {

    public static final String TITLE = "人民调解统计报表";
    public static final String ALL_FIELDS = "全部领域";
    public static final String TOTAL = "合计";
    /** The bureau's time, whatever the server's zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public StatisticsReport {
        tables = List.copyOf(tables);
    }

    /**
     * The report of a statistics body ({@code region}, {@code from}, {@code to}, {@code field}, {@code figures},
     * {@code children}, {@code byField}): the region's own row (合计) and one per child region, then one row per
     * field.
     */
    @SuppressWarnings("unchecked")
    public static StatisticsReport of(Map<String, Object> statistics, Instant generated) {
        Map<String, Object> region = (Map<String, Object>) statistics.get("region");
        String regionName = (String) region.get("name");
        String regionCode = (String) region.get("code");
        String fieldCode = (String) statistics.get("field");
        String fieldName = fieldCode == null ? ALL_FIELDS
                : FieldTaxonomy.find(fieldCode).map(DisputeField::chinese).orElse(fieldCode);

        List<ReportTable.Row> byRegion = new ArrayList<>();
        byRegion.add(new ReportTable.Row(List.of(TOTAL, regionCode),
                                         (Map<String, Object>) statistics.get("figures")));
        for (Map<String, Object> child : (List<Map<String, Object>>) statistics.get("children")) {
            Map<String, Object> childRegion = (Map<String, Object>) child.get("region");
            byRegion.add(new ReportTable.Row(List.of((String) childRegion.get("name"), (String) childRegion.get("code")),
                                             (Map<String, Object>) child.get("figures")));
        }
        List<ReportTable.Row> byField = new ArrayList<>();
        for (Map<String, Object> entry : (List<Map<String, Object>>) statistics.get("byField")) {
            Map<String, Object> field = (Map<String, Object>) entry.get("field");
            byField.add(new ReportTable.Row(List.of((String) field.get("name")),
                                            (Map<String, Object>) entry.get("figures")));
        }
        return new StatisticsReport(regionName, regionCode, LocalDate.parse((String) statistics.get("from")),
                                    LocalDate.parse((String) statistics.get("to")), fieldCode, fieldName,
                                    LocalDateTime.ofInstant(generated, ZONE),
                                    List.of(new ReportTable("统计", "按地区统计", List.of("地区", "区划代码"), byRegion),
                                            new ReportTable("按领域", "按领域统计", List.of("领域"), byField)));
    }

    public String title() {
        return TITLE;
    }

    /** The lines above the tables, label first: title, region, period, field, generation time. */
    public List<List<String>> heading() {
        return List.of(List.of(TITLE),
                       List.of("地区", regionName, regionCode),
                       List.of("统计期间", from + " 至 " + to),
                       List.of("领域", fieldName),
                       List.of("生成时间", GENERATED.format(generatedAt)));
    }
}
