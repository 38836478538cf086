package cn.mediation.query.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as one CSV: the heading lines, then each table under its title, separated by empty lines. UTF-8 with a
 * byte order mark, because without it Excel reads the file in the local code page and garbles the Chinese; CRLF line
 * ends as Excel expects. Numbers are plain decimals (a rate is 0.7500, not 75%), a figure without a value is empty.
 */
public final class CsvReportWriter {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvReportWriter() {
    }

    public static void write(StatisticsReport report, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write(BYTE_ORDER_MARK);
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
        for (List<String> line : report.heading()) {
            printer.printRecord(line.stream().map(SpreadsheetText::forCsv).toList());
        }
        for (ReportTable table : report.tables()) {
            printer.println();
            printer.printRecord(table.title());
            printer.printRecord(table.headings());
            for (ReportTable.Row row : table.rows()) {
                List<String> cells = new ArrayList<>(row.labels().stream().map(SpreadsheetText::forCsv).toList());
                table.columns().forEach(column -> cells.add(text(row.figures().get(column.figure()))));
                printer.printRecord(cells);
            }
        }
        printer.flush();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
