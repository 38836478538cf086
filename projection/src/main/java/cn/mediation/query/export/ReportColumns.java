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
            new Column("meanDaysToResolve", "平均办理天数", Kind.DECIMAL),
            new Column("medianDaysToResolve", "办理天数中位数", Kind.DECIMAL));

    private ReportColumns() {
    }

    public static List<Column> all() {
        return COLUMNS;
    }
}
