package cn.mediation.query.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One table of a report: leading text columns (the region or the field a row is about), then one column per figure.
 * Both file formats write the same tables, so a workbook and a CSV of one query cannot disagree.
 */
public record ReportTable(String sheetName, String title, List<String> labelHeadings, List<Row> rows,
                          List<ReportColumns.Column> columns) {

    /** A row: its label cells, and the figures exactly as the statistics contract gives them. */
    public record Row(List<String> labels, Map<String, Object> figures) {
    }

    public ReportTable {
        labelHeadings = List.copyOf(labelHeadings);
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
    }

    /** A table of every figure of the contract. */
    public ReportTable(String sheetName, String title, List<String> labelHeadings, List<Row> rows) {
        this(sheetName, title, labelHeadings, rows, ReportColumns.all());
    }

    /** The label headings, then the Chinese heading of every column. */
    public List<String> headings() {
        List<String> headings = new ArrayList<>(labelHeadings);
        columns.forEach(column -> headings.add(column.heading()));
        return headings;
    }
}
