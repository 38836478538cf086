package cn.mediation.query.export;

import cn.mediation.core.dispute.PreventionOutcome;
import cn.mediation.core.report.OfficialDisputeType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The people's mediation report a justice bureau submits for an area and period, in the layout of the forms: a
 * title with the area and period, a row for the area (合计) and one for each area below it, column groups for the
 * organisation, cases, sources, official types, agreements, prevention, sweeps and 同比, and at the foot the
 * filler's unit and when the report was generated (Beijing time). Built from the body of
 * {@code StatisticsService.officialReport}, so every cell is a figure the API gives; values only, no formulas.
 */
public record OfficialReport(String title, String periodLine, List<Group> groups, List<Row> rows, List<String> foot,
                             String areaName, String areaCode, ReportPeriod period, Trades trades) {

    /** How a cell's number is shown: a count, a share (a percentage), or an amount in 万元 with two decimals. */
    public enum Kind { COUNT, RATE, WAN_YUAN }

    public record Column(String heading, Kind kind, Function<Map<String, Object>, Object> value) {
    }

    public record Group(String heading, List<Column> columns) {
    }

    /** One area's row: its name and code, and one value per column in the groups' order (null: no value). */
    public record Row(String name, String code, List<Object> values) {
    }

    /**
     * The area's trade committees (行业性专业性) by trade, as they stood at the end of the period: a table of its own
     * (the form's 行业性专业性 column split by trade). A trade is text an administrator typed.
     */
    public record Trades(String title, List<String> headings, List<TradeRow> rows, TradeRow total) {
        public Trades {
            headings = List.copyOf(headings);
            rows = List.copyOf(rows);
        }

        /** The rows as the table shows them: each trade, then the total. */
        public List<TradeRow> withTotal() {
            List<TradeRow> all = new ArrayList<>(rows);
            all.add(total);
            return all;
        }
    }

    public record TradeRow(String trade, long committees, long mediators) {
    }

    public static final String TOTAL = "合计";
    /** A trade committee whose trade was not recorded. */
    public static final String TRADE_NOT_RECORDED = "行业未填";
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public OfficialReport {
        groups = List.copyOf(groups);
        rows = List.copyOf(rows);
        foot = List.copyOf(foot);
    }

    public List<Column> columns() {
        return groups.stream().flatMap(g -> g.columns().stream()).toList();
    }

    /** The report of an official-report body, generated at {@code generated}. */
    @SuppressWarnings("unchecked")
    public static OfficialReport of(Map<String, Object> body, ReportPeriod period, Instant generated) {
        Map<String, Object> region = (Map<String, Object>) body.get("region");
        String areaName = (String) region.get("name");
        List<Group> groups = layout();
        List<Column> columns = groups.stream().flatMap(g -> g.columns().stream()).toList();
        List<Row> rows = new ArrayList<>();
        boolean first = true;
        for (Map<String, Object> row : (List<Map<String, Object>>) body.get("rows")) {
            Map<String, Object> area = (Map<String, Object>) row.get("region");
            List<Object> values = new ArrayList<>();
            columns.forEach(c -> values.add(c.value().apply(row)));
            rows.add(new Row(first ? areaName + TOTAL : (String) area.get("name"), (String) area.get("code"), values));
            first = false;
        }
        String level = (String) region.get("level");
        String unit = switch (level) {
            case "CITY", "COUNTY" -> areaName + "司法局";
            case "TOWN" -> areaName + "司法所";
            default -> areaName + "人民调解委员会";
        };
        LocalDateTime at = LocalDateTime.ofInstant(generated, StatisticsReport.ZONE);
        List<String> foot = new ArrayList<>(List.of(
                "填报单位：" + unit,
                "生成时间：" + GENERATED.format(at) + "（北京时间）",
                "单位负责人：　　　　　　统计负责人：　　　　　　填表人：　　　　　　联系电话：　　　　　　报出日期：",
                "说明：件数按业务日期统计，每件纠纷每项指标在本期内只计一次；人数、金额为所计纠纷之和；"
                        + "组织队伍为统计期末（"
                        + body.get("to") + "）的在册数；同比为与上年同期（" + body.get("lastYearFrom") + "至"
                        + body.get("lastYearTo") + "）相比的增减幅度；纠纷类型按对照表第 "
                        + body.get("officialTypeMapping") + " 版归类。"));
        if (body.get("asOf") instanceof String asOf) {
            foot.add(1, "数据截至：" + AS_OF.format(LocalDateTime.ofInstant(Instant.parse(asOf), StatisticsReport.ZONE))
                        + "（北京时间）系统已记录的数据，按事件日志重现");
        }
        String periodLine = "统计期间：" + period.label() + "（" + body.get("from") + "至" + body.get("to") + "）"
                + "    单位：件、人、万元";
        return new OfficialReport(areaName + "人民调解工作统计表", periodLine, groups, rows, foot, areaName,
                                  (String) region.get("code"), period, trades(areaName, body));
    }

    @SuppressWarnings("unchecked")
    private static Trades trades(String areaName, Map<String, Object> body) {
        Map<String, Object> area = (Map<String, Object>) ((List<Map<String, Object>>) body.get("rows")).get(0).get("report");
        List<TradeRow> rows = new ArrayList<>();
        long committees = 0;
        long mediators = 0;
        for (Map<String, Object> trade : (List<Map<String, Object>>) area.get("committeesByTrade")) {
            String name = (String) trade.get("trade");
            TradeRow row = new TradeRow(name == null ? TRADE_NOT_RECORDED : name,
                                        ((Number) trade.get("committees")).longValue(),
                                        ((Number) trade.get("mediators")).longValue());
            rows.add(row);
            committees += row.committees();
            mediators += row.mediators();
        }
        return new Trades(areaName + "行业性专业性人民调解委员会（按行业，截至" + body.get("to") + "）",
                          List.of("行业", "调委会（个）", "调解员（人）"), rows,
                          new TradeRow(TOTAL, committees, mediators));
    }

    private static List<Group> layout() {
        List<Group> groups = new ArrayList<>();
        groups.add(new Group("组织队伍", List.of(
                report("调委会（个）", "committees"), report("村(居)", "committeesVillage"),
                report("乡镇(街道)", "committeesTown"), report("企事业单位", "committeesEnterprise"),
                report("行业性专业性", "committeesProfessional"), report("个人调解工作室", "committeesPersonalStudio"),
                report("类型未填", "committeesKindNotRecorded"), report("调解员（人）", "mediators"),
                report("其中专职", "mediatorsFullTime"), report("兼职", "mediatorsPartTime"))));
        groups.add(new Group("受理纠纷", List.of(
                report("受理（件）", "accepted"), figure("调解成功（件）", "resolved", Kind.COUNT),
                figure("调解成功率", "successRate", Kind.RATE), report("当事人数（人）", "acceptedParties"),
                report("其中3人以上（件）", "acceptedThreeOrMore"))));
        groups.add(new Group("纠纷来源（登记）", List.of(
                report("主动调解", "sourceInitiative"), report("申请调解", "sourceApplication"),
                report("接受委托移送", "sourceReferral"), report("其中公安移送", "referralPolice"),
                report("其中法院移送", "referralCourt"), report("其中政府移送", "referralGovernment"),
                report("其中信访移送", "referralPetitionOffice"))));
        List<Column> types = new ArrayList<>();
        for (OfficialDisputeType type : OfficialDisputeType.values()) {
            types.add(new Column(type.chinese(), Kind.COUNT, row -> typeValue(row, type.name(), "accepted")));
        }
        groups.add(new Group("纠纷类型（受理件数）", types));
        groups.add(new Group("调解协议", List.of(
                report("口头协议", "agreementsOral"), report("书面协议", "agreementsWritten"),
                new Column("涉及金额（万元）", Kind.WAN_YUAN, row -> wanYuan(reportValue(row, "agreementAmount"))),
                report("自动履行", "fulfilled"), report("司法确认", "judiciallyConfirmed"))));
        List<Column> prevention = new ArrayList<>();
        for (PreventionOutcome outcome : PreventionOutcome.values()) {
            String name = "prevent" + camel(outcome.name());
            prevention.add(report(outcome.chinese() + "（件）", name));
            prevention.add(report(outcome.chinese() + "（人）", name + "Persons"));
        }
        groups.add(new Group("预防效果", prevention));
        groups.add(new Group("排查预防", List.of(
                report("排查次数", "sweeps"), report("排查发现", "found"), report("预防纠纷", "preventedDisputes"))));
        groups.add(new Group("同比", List.of(
                new Column("受理同比", Kind.RATE, row -> growth(reportValue(row, "accepted"), lastYear(row, "accepted"))),
                new Column("调解成功同比", Kind.RATE,
                           row -> growth(figureValue(row, "resolved"), lastYear(row, "resolved"))),
                new Column("当事人数同比", Kind.RATE,
                           row -> growth(reportValue(row, "acceptedParties"), lastYear(row, "acceptedParties"))),
                new Column("涉及金额同比", Kind.RATE,
                           row -> growth(reportValue(row, "agreementAmount"), lastYear(row, "agreementAmount"))))));
        return groups;
    }

    private static Column report(String heading, String key) {
        return new Column(heading, Kind.COUNT, row -> reportValue(row, key));
    }

    private static Column figure(String heading, String key, Kind kind) {
        return new Column(heading, kind, row -> figureValue(row, key));
    }

    @SuppressWarnings("unchecked")
    private static Object reportValue(Map<String, Object> row, String key) {
        return ((Map<String, Object>) row.get("report")).get(key);
    }

    @SuppressWarnings("unchecked")
    private static Object figureValue(Map<String, Object> row, String key) {
        return ((Map<String, Object>) row.get("figures")).get(key);
    }

    @SuppressWarnings("unchecked")
    private static Object lastYear(Map<String, Object> row, String key) {
        return ((Map<String, Object>) row.get("lastYear")).get(key);
    }

    @SuppressWarnings("unchecked")
    private static Object typeValue(Map<String, Object> row, String type, String key) {
        Map<String, Object> byType = (Map<String, Object>) row.get("byOfficialType");
        Map<String, Object> figures = (Map<String, Object>) byType.get(type);
        return figures == null ? null : figures.get(key);
    }

    /** Yuan to 万元 with two decimals, rounded half up (the form's unit). */
    static BigDecimal wanYuan(Object yuan) {
        return yuan == null ? null : ((BigDecimal) yuan).movePointLeft(4).setScale(2, RoundingMode.HALF_UP);
    }

    /** (now − a year ago) / a year ago, four decimals; none when a year ago is zero or unknown. */
    static BigDecimal growth(Object now, Object before) {
        if (!(now instanceof Number n) || !(before instanceof Number b)) {
            return null;
        }
        BigDecimal earlier = new BigDecimal(b.toString());
        if (earlier.signum() == 0) {
            return null;
        }
        return new BigDecimal(n.toString()).subtract(earlier).divide(earlier, 4, RoundingMode.HALF_UP);
    }

    /** {@code SUICIDE} → {@code Suicide}, {@code CRIMINAL_CASE} → {@code CriminalCase}: report keys from constants. */
    public static String camel(String constant) {
        StringBuilder name = new StringBuilder();
        for (String part : constant.toLowerCase(java.util.Locale.ROOT).split("_")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        return name.toString();
    }
}
