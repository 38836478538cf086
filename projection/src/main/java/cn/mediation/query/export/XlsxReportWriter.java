package cn.mediation.query.export;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A report as an Excel workbook, one sheet per table, each sheet carrying the report's heading lines so that a sheet
 * printed alone still says what it is. Figures are numeric cells (a rate is the fraction, shown as a percentage by
 * its style), so the numbers can be summed and charted; the header row is bold and frozen with the label column.
 * Column widths are computed from the text rather than with POI's auto-size, which needs the server's fonts.
 */
public final class XlsxReportWriter {

    private static final int WIDEST = 40;

    private XlsxReportWriter() {
    }

    public static void write(StatisticsReport report, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            for (ReportTable table : report.tables()) {
                sheet(workbook.createSheet(table.sheetName()), report, table, styles);
            }
            workbook.write(out);
        }
    }

    private static void sheet(Sheet sheet, StatisticsReport report, ReportTable table, Styles styles) {
        int r = 0;
        for (List<String> line : report.heading()) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < line.size(); c++) {
                Cell cell = row.createCell(c);
                cell.setCellValue(line.get(c));
                if (r == 0 || c == 0) {
                    cell.setCellStyle(r == 0 ? styles.title : styles.bold);
                }
            }
            r++;
        }
        r++;
        List<String> headings = table.headings();
        int[] widths = new int[headings.size()];
        Row header = sheet.createRow(r++);
        for (int c = 0; c < headings.size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(headings.get(c));
            cell.setCellStyle(styles.bold);
            widths[c] = width(headings.get(c));
        }
        sheet.createFreezePane(1, r);
        int labels = table.labelHeadings().size();
        for (ReportTable.Row data : table.rows()) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < labels; c++) {
                Cell label = row.createCell(c);
                label.setCellValue(data.labels().get(c));
                if (SpreadsheetText.formulaLike(data.labels().get(c))) {
                    label.setCellStyle(styles.quoted);
                }
                widths[c] = Math.max(widths[c], width(data.labels().get(c)));
            }
            List<ReportColumns.Column> columns = table.columns();
            for (int i = 0; i < columns.size(); i++) {
                Object value = data.figures().get(columns.get(i).figure());
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(labels + i);
                cell.setCellValue(value instanceof BigDecimal decimal ? decimal.doubleValue()
                                          : ((Number) value).doubleValue());
                cell.setCellStyle(styles.number.get(columns.get(i).kind()));
            }
        }
        for (int c = 0; c < widths.length; c++) {
            sheet.setColumnWidth(c, Math.min(WIDEST, widths[c] + 2) * 256);
        }
    }

    /** Display width in Latin characters: a Chinese character takes two. */
    static int width(String text) {
        return text.codePoints().map(cp -> cp < 0x1100 ? 1 : 2).sum();
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle bold;
        final CellStyle quoted;
        final Map<ReportColumns.Kind, CellStyle> number = new EnumMap<>(ReportColumns.Kind.class);

        Styles(XSSFWorkbook workbook) {
            Font boldFont = workbook.createFont();
            boldFont.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(boldFont);
            quoted = workbook.createCellStyle();
            quoted.setQuotePrefixed(true);
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(titleFont);
            number.put(ReportColumns.Kind.COUNT, format(workbook, "0"));
            number.put(ReportColumns.Kind.RATE, format(workbook, "0.00%"));
            number.put(ReportColumns.Kind.DECIMAL, format(workbook, "0.00"));
        }

        private static CellStyle format(XSSFWorkbook workbook, String pattern) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
            return style;
        }
    }
}
