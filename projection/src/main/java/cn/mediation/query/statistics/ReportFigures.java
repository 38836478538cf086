package cn.mediation.query.statistics;

import cn.mediation.core.dispute.PreventionOutcome;
import cn.mediation.core.dispute.Referrer;
import cn.mediation.core.report.OfficialSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of the official report that come from the disputes (DOMAIN.md, "The official report"), each with the
 * window figure it sums, its unit and its Chinese heading: one table read by the statistics contract's
 * {@code report} object, the drill-through and the report files, so they cannot name a figure differently.
 * Disputes (件) count each dispute at most once per figure and period; persons (人) and amounts (元) are sums over
 * the disputes the figure names.
 */
public final class ReportFigures {

    /** What a figure's number is: disputes, persons, or yuan (kept in fen, given with two decimals). */
    public enum Unit { DISPUTES, PERSONS, YUAN }

    public record Figure(String name, String windowKey, Unit unit, String heading) {
    }

    private static final List<Figure> FIGURES = build();

    private ReportFigures() {
    }

    private static List<Figure> build() {
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("accepted", WindowFigures.ACCEPTED, Unit.DISPUTES, "受理"));
        figures.add(new Figure("acceptedParties", WindowFigures.ACCEPTED_PARTIES, Unit.PERSONS, "当事人数"));
        figures.add(new Figure("acceptedThreeOrMore", WindowFigures.ACCEPTED_THREE_OR_MORE, Unit.DISPUTES,
                               "其中3人以上"));
        for (OfficialSource source : OfficialSource.values()) {
            figures.add(new Figure("source" + camel(source.name()), WindowFigures.SOURCE + source.name(),
                                   Unit.DISPUTES, source.chinese()));
        }
        for (Referrer referrer : Referrer.values()) {
            figures.add(new Figure("referral" + camel(referrer.name()), WindowFigures.REFERRER + referrer.name(),
                                   Unit.DISPUTES, "其中" + referrer.chinese() + "移送"));
        }
        figures.add(new Figure("referralNotRecorded", WindowFigures.REFERRER + "-", Unit.DISPUTES, "其中移送单位未记录"));
        figures.add(new Figure("agreementsOral", WindowFigures.FORM + "ORAL", Unit.DISPUTES, "口头协议"));
        figures.add(new Figure("agreementsWritten", WindowFigures.FORM + "WRITTEN", Unit.DISPUTES, "书面协议"));
        figures.add(new Figure("agreementAmount", WindowFigures.AMOUNT_FEN, Unit.YUAN, "协议涉及金额"));
        figures.add(new Figure("fulfilled", WindowFigures.FULFILLED, Unit.DISPUTES, "自动履行"));
        figures.add(new Figure("judiciallyConfirmed", WindowFigures.CONFIRMED, Unit.DISPUTES, "司法确认"));
        figures.add(new Figure("preventionRecorded", WindowFigures.PREVENTION_RECORDED, Unit.DISPUTES,
                               "已记录预防效果"));
        for (PreventionOutcome outcome : PreventionOutcome.values()) {
            String name = "prevent" + camel(outcome.name());
            figures.add(new Figure(name, WindowFigures.PREVENTED + outcome.name(), Unit.DISPUTES,
                                   outcome.chinese() + "（件）"));
            figures.add(new Figure(name + "Persons", WindowFigures.PREVENTED_PERSONS + outcome.name(),
                                   Unit.PERSONS, outcome.chinese() + "（人）"));
        }
        figures.add(new Figure("preventedDisputes", WindowFigures.PREVENTED_DISPUTES, Unit.DISPUTES, "预防纠纷"));
        return List.copyOf(figures);
    }

    public static List<Figure> all() {
        return FIGURES;
    }

    public static Optional<Figure> find(String name) {
        return FIGURES.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The {@code report} object of the contract from a period's sums: every figure, amounts in yuan. */
    static Map<String, Object> values(FigureSums sums) {
        Map<String, Object> report = new LinkedHashMap<>();
        for (Figure figure : FIGURES) {
            long value = sums.get(figure.windowKey());
            report.put(figure.name(), figure.unit() == Unit.YUAN ? BigDecimal.valueOf(value, 2) : (Object) value);
        }
        return report;
    }

    static String camel(String constant) {
        return cn.mediation.query.export.OfficialReport.camel(constant);
    }
}
