package cn.mediation.query.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The read side's refusals in Chinese for callers whose {@code Accept-Language} starts with {@code zh} (the pages
 * send it): each English rule has a Chinese text, the values it quotes carried over; a rule without one keeps its
 * English, which a test keeps from happening.
 */
public final class QueryProblemText {

    private static final Map<Pattern, String> RULES = new LinkedHashMap<>();
    private static final Map<String, String> PARAMETERS = new LinkedHashMap<>();

    static {
        rule("must be an ISO instant such as (.+)", "须为 ISO 时刻，例如 $1");
        rule("give asOf \\(a recorded instant\\) or asOfDate \\(a business date\\), not both",
             "“按记录时间”和“按业务日期”只能选一个");
        rule("must be a date YYYY-MM-DD", "须为日期（年-月-日）");
        rule("is required \\(YYYY-MM-DD\\)", "必填（年-月-日）");
        rule("is outside the years this system records", "超出本系统记录的年份");
        rule("must be previous or lastYear", "须为环比（previous）或同比（lastYear）");
        rule("unknown field (.*)", "未知领域 $1");
        rule("must be one of .*", "不是可查询明细的指标");
        rule("must be xlsx or csv", "须为 xlsx 或 csv");
        rule("must be a 12-digit region code", "须为 12 位区划代码");
        rule("must be a month such as (.+)", "须为月份，例如 $1");
        rule("must be true or false", "须为 true 或 false");
        rule("must be from (\\d+) to (\\d+)", "必须在 $1 到 $2 之间");
        rule("give a period or from and to, not both", "统计期间与起止日期只能给一种");
        rule("has no month (.*)", "没有第 $1 月");
        rule("is required: a month .*", "必填：月份（如 2026-03）、季度（如 2026-Q1）或年度（如 2026）");
        rule("must be a month 2026-03, a quarter 2026-Q1 or a year 2026",
             "须为月份（如 2026-03）、季度（如 2026-Q1）或年度（如 2026）");
        rule("must be at most (\\d+) characters", "最多 $1 个字");
        rule("give a region or a handlingUnit", "地区与承办单位只能给一个");
        rule("unknown region (.*)", "未知地区 $1");
        rule("give a status or a stage, not both", "状态与阶段只能给一个");
        rule("unknown stage (.*)", "未知阶段 $1");
        rule("names no status", "未指定状态");
        rule("unknown status (.*)", "未知状态 $1");
        rule("a period is at most 20 years", "统计期间最长 20 年");
        rule("a trend covers at most (\\d+).*", "趋势最多 $1 个月");
        rule("must not be before from", "不能早于开始日期");
        rule("must be a village of the directory", "须为区划目录中的村(社区)");
        // not found
        rule("No dispute with id (.*)", "没有编号为 $1 的案件（或不在您的辖区）");
        rule("No dispute (.*) as of (.*)", "$2 时尚无案件 $1");
        rule("No projection (.*)", "没有读模型 $1");
        rule("No region (.*)", "没有区划 $1");

        parameter("region", "地区");
        parameter("from", "开始日期");
        parameter("to", "结束日期");
        parameter("field", "领域");
        parameter("figure", "指标");
        parameter("format", "格式");
        parameter("period", "统计期间");
        parameter("page", "页码");
        parameter("size", "每页条数");
        parameter("q", "查询");
        parameter("asOf", "时点");
        parameter("asOfDate", "业务日期");
        parameter("compare", "对比");
        parameter("stage", "阶段");
        parameter("status", "状态");
        parameter("month", "月份");
        parameter("village", "村(社区)");
        parameter("handlingUnit", "承办单位");
        parameter("parent", "上级地区");
        parameter("overdue", "超期");
    }

    private QueryProblemText() {
    }

    private static void rule(String english, String chinese) {
        RULES.put(Pattern.compile(english, Pattern.DOTALL), chinese);
    }

    private static void parameter(String name, String chinese) {
        PARAMETERS.put(name, chinese);
    }

    public static boolean chinese(String acceptLanguage) {
        return acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("zh");
    }

    /** The Chinese text of a rule, or null when there is none. */
    public static String rule(String english) {
        if (english == null) {
            return null;
        }
        for (Map.Entry<Pattern, String> rule : RULES.entrySet()) {
            Matcher matcher = rule.getKey().matcher(english);
            if (matcher.matches()) {
                return matcher.replaceFirst(rule.getValue());
            }
        }
        return null;
    }

    /** A parameter's name as the pages label it. */
    public static String parameter(String name) {
        return PARAMETERS.getOrDefault(name, name);
    }
}
