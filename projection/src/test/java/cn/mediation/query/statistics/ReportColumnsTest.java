package cn.mediation.query.statistics;

import cn.mediation.query.export.ReportColumns;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every figure of the statistics contract has one report column, in the contract's order, with its own heading. */
class ReportColumnsTest {

    @Test
    void theReportColumnsAreTheContractsFigures() {
        List<String> figures = new ArrayList<>(new FigureSums(LocalDate.of(2026, 1, 1)).figures().keySet());
        assertThat(ReportColumns.all()).extracting(ReportColumns.Column::figure).containsExactlyElementsOf(figures);
        List<String> headings = ReportColumns.all().stream().map(ReportColumns.Column::heading).toList();
        assertThat(new HashSet<>(headings)).hasSameSizeAs(headings);
        assertThat(headings).allSatisfy(heading -> assertThat(heading).matches("[\\u4e00-\\u9fff]+"));
    }
}
