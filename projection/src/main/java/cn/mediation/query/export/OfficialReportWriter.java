package cn.mediation.query.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link OfficialReport}: as a workbook laid out like the paper form (merged title, group headings over
 * their columns, the area columns merged over both heading rows, numbers as numeric cells with the form's formats)
 * with the trade committees by trade on a second sheet, or as a CSV of the same rows with that table below them.
 * Values only: no cell holds a formula, and text that a spreadsheet would read as one is written so it stays text
 * ({@link SpreadsheetText}).
 */
public final class OfficialReportWriter {

    /** The rows above the first area: title, period, group headings, column headings. */
    public static final int FIRST_DATA_ROW = 4;
    /** The columns before the first figure: area name and region code. */
    public static final int FIRST_FIGURE_COLUMN = 2;
    /** The workbook's second sheet: the trade committees by trade. */
    public static final String TRADES_SHEET = "行业性专业性调委会";

    private OfficialReportWriter() {
    }

    public static byte[] write(OfficialReport report, ExportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format == ExportFormat.XLSX) {
                xlsx(report, out);
            } else {
                csv(report, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report", e);
        }
        return out.toByteArray();
    }

    /** {@code 人民调解工作统计表_<area>_<period>.<ext>} and its ASCII twin. */
    public static String contentDisposition(OfficialReport report, ExportFormat format) {
        String chinese = "人民调解工作统计表_" + report.areaName() + "_" + report.period().key() + "." + format.extension();
        String ascii = ("mediation-report-" + report.areaCode() + "-" + report.period().key() + "."
                + format.extension()).replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + ReportFileName.encode(chinese);
    }

    private static void xlsx(OfficialReport report, ByteArrayOutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            Sheet sheet = workbook.createSheet("统计表");
            List<OfficialReport.Column> columns = report.columns();
            int last = FIRST_FIGURE_COLUMN + columns.size() - 1;
            text(sheet.createRow(0).createCell(0), report.title(), styles.title);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, last));
            text(sheet.createRow(1).createCell(0), report.periodLine(), styles.plain);
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, last));
            Row groups = sheet.createRow(2);
            Row headings = sheet.createRow(3);
            text(groups.createCell(0), "地区", styles.heading);
            text(groups.createCell(1), "区划代码", styles.heading);
            text(headings.createCell(0), "", styles.heading);
            text(headings.createCell(1), "", styles.heading);
            sheet.addMergedRegion(new CellRangeAddress(2, 3, 0, 0));
            sheet.addMergedRegion(new CellRangeAddress(2, 3, 1, 1));
            int c = FIRST_FIGURE_COLUMN;
            for (OfficialReport.Group group : report.groups()) {
                int start = c;
                for (OfficialReport.Column column : group.columns()) {
                    text(groups.createCell(c), c == start ? group.heading() : "", styles.heading);
                    text(headings.createCell(c), column.heading(), styles.heading);
                    sheet.setColumnWidth(c, Math.min(18, Math.max(8, XlsxReportWriter.width(column.heading()) + 2)) * 256);
                    c++;
                }
                if (c - 1 > start) {
                    sheet.addMergedRegion(new CellRangeAddress(2, 2, start, c - 1));
                }
            }
            int r = FIRST_DATA_ROW;
            int nameWidth = 10;
            for (OfficialReport.Row data : report.rows()) {
                Row row = sheet.createRow(r++);
                text(row.createCell(0), data.name(), styles.text);
                text(row.createCell(1), data.code(), styles.text);
                nameWidth = Math.max(nameWidth, XlsxReportWriter.width(data.name()));
                for (int i = 0; i < columns.size(); i++) {
                    Cell cell = row.createCell(FIRST_FIGURE_COLUMN + i);
                    cell.setCellStyle(styles.number.get(columns.get(i).kind()));
                    Object value = data.values().get(i);
                    if (value instanceof BigDecimal decimal) {
                        cell.setCellValue(decimal.doubleValue());
                    } else if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    }
                }
            }
            sheet.setColumnWidth(0, Math.min(40, nameWidth + 2) * 256);
            sheet.setColumnWidth(1, 14 * 256);
            sheet.createFreezePane(FIRST_FIGURE_COLUMN, FIRST_DATA_ROW);
            printable(sheet, FIRST_DATA_ROW);
            r++;
            for (String line : report.foot()) {
                text(sheet.createRow(r).createCell(0), line, styles.plain);
                sheet.addMergedRegion(new CellRangeAddress(r, r, 0, Math.min(last, 20)));
                r++;
            }
            tradesSheet(workbook.createSheet(TRADES_SHEET), report.trades(), styles);
            workbook.write(out);
        }
    }

    /** The trade committees by trade, one row each and a total, on a sheet of their own. */
    private static void tradesSheet(Sheet sheet, OfficialReport.Trades trades, Styles styles) {
        text(sheet.createRow(0).createCell(0), trades.title(), styles.title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, trades.headings().size() - 1));
        Row headings = sheet.createRow(1);
        for (int i = 0; i < trades.headings().size(); i++) {
            text(headings.createCell(i), trades.headings().get(i), styles.heading);
        }
        int r = 2;
        int width = 12;
        for (OfficialReport.TradeRow trade : trades.withTotal()) {
            Row row = sheet.createRow(r++);
            text(row.createCell(0), trade.trade(), styles.text);
            Cell committees = row.createCell(1);
            committees.setCellStyle(styles.number.get(OfficialReport.Kind.COUNT));
            committees.setCellValue(trade.committees());
            Cell mediators = row.createCell(2);
            mediators.setCellStyle(styles.number.get(OfficialReport.Kind.COUNT));
            mediators.setCellValue(trade.mediators());
            width = Math.max(width, XlsxReportWriter.width(trade.trade()));
        }
        sheet.setColumnWidth(0, Math.min(50, width + 2) * 256);
        sheet.setColumnWidth(1, 14 * 256);
        sheet.setColumnWidth(2, 14 * 256);
        printable(sheet, 2);
    }

    /**
     * Prints as the form is filed: A4 landscape, all columns on one page width, the rows above the first area
     * repeated on every page.
     */
    private static void printable(Sheet sheet, int headingRows) {
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.setHorizontallyCenter(true);
        sheet.setRepeatingRows(new CellRangeAddress(0, headingRows - 1, -1, -1));
    }

    /** A text cell; text a spreadsheet would evaluate is marked quote-prefixed, so it is shown, never run. */
    private static void text(Cell cell, String value, CellStyle style) {
        cell.setCellValue(value);
        if (SpreadsheetText.formulaLike(value)) {
            CellStyle quoted = cell.getSheet().getWorkbook().createCellStyle();
            quoted.cloneStyleFrom(style);
            quoted.setQuotePrefixed(true);
            cell.setCellStyle(quoted);
        } else {
            cell.setCellStyle(style);
        }
    }

    private static void csv(OfficialReport report, ByteArrayOutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
        printer.printRecord(SpreadsheetText.forCsv(report.title()));
        printer.printRecord(SpreadsheetText.forCsv(report.periodLine()));
        List<String> groups = new ArrayList<>(List.of("地区", "区划代码"));
        List<String> headings = new ArrayList<>(List.of("", ""));
        for (OfficialReport.Group group : report.groups()) {
            for (int i = 0; i < group.columns().size(); i++) {
                groups.add(i == 0 ? group.heading() : "");
                headings.add(group.columns().get(i).heading());
            }
        }
        printer.printRecord(groups);
        printer.printRecord(headings);
        for (OfficialReport.Row row : report.rows()) {
            List<String> cells = new ArrayList<>(List.of(SpreadsheetText.forCsv(row.name()), row.code()));
            for (int i = 0; i < row.values().size(); i++) {
                cells.add(csvValue(row.values().get(i)));
            }
            printer.printRecord(cells);
        }
        printer.println();
        OfficialReport.Trades trades = report.trades();
        printer.printRecord(SpreadsheetText.forCsv(trades.title()));
        printer.printRecord(trades.headings());
        for (OfficialReport.TradeRow trade : trades.withTotal()) {
            printer.printRecord(SpreadsheetText.forCsv(trade.trade()), trade.committees(), trade.mediators());
        }
        printer.println();
        for (String line : report.foot()) {
            printer.printRecord(SpreadsheetText.forCsv(line));
        }
        printer.flush();
    }

    private static String csvValue(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle plain;
        final CellStyle heading;
        final CellStyle text;
        final Map<OfficialReport.Kind, CellStyle> number = new EnumMap<>(OfficialReport.Kind.class);

        Styles(XSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font large = workbook.createFont();
            large.setBold(true);
            large.setFontHeightInPoints((short) 16);
            title = workbook.createCellStyle();
            title.setFont(large);
            title.setAlignment(HorizontalAlignment.CENTER);
            plain = workbook.createCellStyle();
            heading = bordered(workbook);
            heading.setFont(bold);
            heading.setAlignment(HorizontalAlignment.CENTER);
            heading.setVerticalAlignment(VerticalAlignment.CENTER);
            heading.setWrapText(true);
            text = bordered(workbook);
            number.put(OfficialReport.Kind.COUNT, numeric(workbook, "0"));
            number.put(OfficialReport.Kind.RATE, numeric(workbook, "0.00%"));
            number.put(OfficialReport.Kind.WAN_YUAN, numeric(workbook, "0.00"));
        }

        private static CellStyle bordered(XSSFWorkbook workbook) {
            CellStyle style = workbook.createCellStyle();
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
            return style;
        }

        private static CellStyle numeric(XSSFWorkbook workbook, String pattern) {
            CellStyle style = bordered(workbook);
            style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
            return style;
        }
    }
}
