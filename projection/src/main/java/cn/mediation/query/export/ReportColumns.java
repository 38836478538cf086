package cn.mediation.query.export;

import java.util.List;

/**
 * The figures of the statistics contract in report order, each with the one Chinese heading the exported reports
 * give it and how its number is shown. Kept beside the contract's keys so that a figure added to the contract without
 * a heading fails a test instead of silently missing from the reports.
 */
public final class ReportColumns {

    /** How a figure's number is shown: a count, a share (a percentage in a workbook), or a decimal such as a mean. */
    public enum Kind { COUNT, RATE, DECIMAL }

    public record Column(String figure, String heading, Kind kind) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("sweeps", "排查次数", Kind.COUNT),
            new Column("found", "排查发现", Kind.COUNT),
            new Column("registered", "登记", Kind.COUNT),
            new Column("mediated", "调解", Kind.COUNT),
            new Column("resolved", "调解成功", Kind.COUNT),
            new Column("failed", "调解不成", Kind.COUNT),
            new Column("successRate", "调解成功率", Kind.RATE),
            new Column("majorResolved", "重大纠纷调处成功", Kind.COUNT),
            new Column("escalated", "上交", Kind.COUNT),
            new Column("keptLocalRate", "就地化解率", Kind.RATE),
            new Column("open", "在办", Kind.COUNT),
            new Column("overdue", "超期", Kind.COUNT),
            new Column("groupIncidents", "群体性事件", Kind.COUNT),
            new Column("civilToCriminal", "民转刑", Kind.COUNT),
            new Column("satisfaction", "满意度", Kind.DECIMAL),
            new Column("meanDaysToResolve", "平均办结天数", Kind.DECIMAL),
            new Column("medianDaysToResolve", "办结天数中位数", Kind.DECIMAL));

    /** Which way a figure is better, for rankings: higher, lower, or neither (a volume, not a merit). */
    public enum Better { HIGHER, LOWER, NEITHER }

    private static final java.util.Map<String, Better> BETTER = java.util.Map.ofEntries(
            java.util.Map.entry("sweeps", Better.HIGHER), java.util.Map.entry("found", Better.HIGHER),
            java.util.Map.entry("registered", Better.NEITHER), java.util.Map.entry("mediated", Better.HIGHER),
            java.util.Map.entry("resolved", Better.HIGHER), java.util.Map.entry("failed", Better.LOWER),
            java.util.Map.entry("successRate", Better.HIGHER), java.util.Map.entry("majorResolved", Better.HIGHER),
            java.util.Map.entry("escalated", Better.LOWER), java.util.Map.entry("keptLocalRate", Better.HIGHER),
            java.util.Map.entry("open", Better.NEITHER), java.util.Map.entry("overdue", Better.LOWER),
            java.util.Map.entry("groupIncidents", Better.LOWER), java.util.Map.entry("civilToCriminal", Better.LOWER),
            java.util.Map.entry("satisfaction", Better.HIGHER), java.util.Map.entry("meanDaysToResolve", Better.LOWER),
            java.util.Map.entry("medianDaysToResolve", Better.LOWER),
            java.util.Map.entry("villagesUnderMinimum", Better.LOWER));

    private ReportColumns() {
    }

    public static List<Column> all() {
        return COLUMNS;
    }

    /** Every figure's direction (the contract's figures and the villages under the mediator minimum). */
    public static java.util.Map<String, String> better() {
        java.util.Map<String, String> better = new java.util.LinkedHashMap<>();
        COLUMNS.forEach(c -> better.put(c.figure(), BETTER.get(c.figure()).name()));
        better.put("villagesUnderMinimum", BETTER.get("villagesUnderMinimum").name());
        return better;
    }

    public static Better better(String figure) {
        return BETTER.getOrDefault(figure, Better.NEITHER);
    }
}
