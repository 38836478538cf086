package cn.mediation.query.export;

import cn.mediation.core.field.DisputeField;
import cn.mediation.core.field.FieldTaxonomy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
            // a sweep is about a village, not a field: a field's row leaves 排查次数 empty rather than repeat the area's
            Map<String, Object> figures = new LinkedHashMap<>((Map<String, Object>) entry.get("figures"));
            figures.put("sweeps", null);
            byField.add(new ReportTable.Row(List.of((String) field.get("name")), figures));
        }
        List<ReportTable> tables = new ArrayList<>();
        tables.add(new ReportTable("统计", "按地区统计", List.of("地区", "区划代码"), byRegion));
        tables.add(new ReportTable("按领域", "按领域统计", List.of("领域"), byField));
        List<Map<String, Object>> children = (List<Map<String, Object>>) statistics.get("children");
        if (!children.isEmpty()) {
            tables.add(ranking(children));
        }
        Object mediators = statistics.get("mediators");
        if (mediators instanceof Map<?, ?> coverage) {
            tables.add(coverage((Map<String, Object>) coverage));
        }
        return new StatisticsReport(regionName, regionCode, LocalDate.parse((String) statistics.get("from")),
                                    LocalDate.parse((String) statistics.get("to")), fieldCode, fieldName,
                                    LocalDateTime.ofInstant(generated, ZONE), tables);
    }

    /** The cases behind a figure (a drill-through body), one row each, in a report of their own. */
    @SuppressWarnings("unchecked")
    public static StatisticsReport ofCases(Map<String, Object> cases, Instant generated) {
        Map<String, Object> region = (Map<String, Object>) cases.get("region");
        String fieldCode = (String) cases.get("field");
        String fieldName = fieldCode == null ? ALL_FIELDS
                : FieldTaxonomy.find(fieldCode).map(DisputeField::chinese).orElse(fieldCode);
        List<ReportTable.Row> rows = new ArrayList<>();
        for (Map<String, Object> item : (List<Map<String, Object>>) cases.get("items")) {
            String status = String.valueOf(item.get("status"));
            String statusName = java.util.Arrays.stream(cn.mediation.core.dispute.DisputeStatus.values())
                    .filter(s -> s.name().equals(status)).map(cn.mediation.core.dispute.DisputeStatus::chinese)
                    .findFirst().orElse(status);
            rows.add(new ReportTable.Row(List.of(String.valueOf(item.get("caseNumber")), statusName,
                                                 String.valueOf(item.getOrDefault("villageName", item.get("villageCode"))),
                                                 String.valueOf(item.get("registeredOn")),
                                                 item.get("summary") == null ? "" : String.valueOf(item.get("summary"))),
                                         Map.of()));
        }
        String figure = String.valueOf(cases.get("figure"));
        String figureName = figure.equals("keptLocal") ? "就地化解" : ReportColumns.all().stream()
                .filter(c -> c.figure().equals(figure)).map(ReportColumns.Column::heading).findFirst().orElse(figure);
        String title = "指标明细案件：" + figureName + "（共 " + cases.get("total") + " 件）";
        return new StatisticsReport((String) region.get("name"), (String) region.get("code"),
                                    LocalDate.parse((String) cases.get("from")), LocalDate.parse((String) cases.get("to")),
                                    fieldCode, fieldName, LocalDateTime.ofInstant(generated, ZONE),
                                    List.of(new ReportTable("案件", title, List.of("案号", "状态", "村(社区)", "登记日期",
                                                                                   "纠纷简要情况"), rows, List.of())));
    }

    /** The heading of the villages-under-the-minimum column, in the ranking and the by-region summary. */
    public static final ReportColumns.Column UNDER_MINIMUM =
            new ReportColumns.Column("villagesUnderMinimum", "调解员不足3名的村", ReportColumns.Kind.COUNT);

    /**
     * The areas below ranked on every figure: each cell is the area's place (1 = best; a figure that is neither
     * better higher nor lower is ranked from the largest), equal values sharing a place, an area without a value
     * left empty.
     */
    @SuppressWarnings("unchecked")
    static ReportTable ranking(List<Map<String, Object>> children) {
        List<ReportColumns.Column> columns = new ArrayList<>();
        ReportColumns.all().forEach(c -> columns.add(new ReportColumns.Column(c.figure(), c.heading(),
                                                                               ReportColumns.Kind.COUNT)));
        columns.add(UNDER_MINIMUM);
        List<Map<String, Object>> values = new ArrayList<>();
        for (Map<String, Object> child : children) {
            Map<String, Object> figures = new LinkedHashMap<>((Map<String, Object>) child.get("figures"));
            Object coverage = child.get("mediators");
            figures.put(UNDER_MINIMUM.figure(), coverage instanceof Map<?, ?> m ? m.get("villagesUnderMinimum") : null);
            values.add(figures);
        }
        List<Map<String, Object>> ranks = new ArrayList<>();
        values.forEach(v -> ranks.add(new LinkedHashMap<>()));
        for (ReportColumns.Column column : columns) {
            boolean lowerFirst = ReportColumns.better(column.figure()) == ReportColumns.Better.LOWER;
            for (int i = 0; i < values.size(); i++) {
                java.math.BigDecimal mine = decimal(values.get(i).get(column.figure()));
                if (mine == null) {
                    continue;
                }
                long ahead = 0;
                for (Map<String, Object> other : values) {
                    java.math.BigDecimal theirs = decimal(other.get(column.figure()));
                    if (theirs != null && (lowerFirst ? theirs.compareTo(mine) < 0 : theirs.compareTo(mine) > 0)) {
                        ahead++;
                    }
                }
                ranks.get(i).put(column.figure(), ahead + 1);
            }
        }
        List<ReportTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Map<String, Object> region = (Map<String, Object>) children.get(i).get("region");
            rows.add(new ReportTable.Row(List.of((String) region.get("name"), (String) region.get("code")),
                                         ranks.get(i)));
        }
        return new ReportTable("排名", "下级地区排名（1 为最好）", List.of("地区", "区划代码"), rows, columns);
    }

    private static java.math.BigDecimal decimal(Object value) {
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal;
        }
        return value instanceof Number number ? java.math.BigDecimal.valueOf(number.longValue()) : null;
    }

    /** 一村不少于3名调解员: the villages of the area under the minimum, by name, with their mediators. */
    @SuppressWarnings("unchecked")
    static ReportTable coverage(Map<String, Object> mediators) {
        List<ReportTable.Row> rows = new ArrayList<>();
        Object list = mediators.get("villagesUnderMinimumList");
        if (list instanceof List<?> villages) {
            for (Object item : villages) {
                Map<String, Object> village = (Map<String, Object>) item;
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("mediators", village.get("mediators"));
                rows.add(new ReportTable.Row(List.of((String) village.get("name"),
                                                     String.valueOf(village.getOrDefault("town", "")),
                                                     (String) village.get("code")), figures));
            }
        }
        return new ReportTable("调解员配备", "调解员不足3名的村（共 " + mediators.get("villages") + " 个村，调解员 "
                + mediators.get("mediators") + " 名）", List.of("村(社区)", "乡镇(街道)", "区划代码"), rows,
                               List.of(new ReportColumns.Column("mediators", "调解员人数", ReportColumns.Kind.COUNT)));
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
