package cn.mediation.query.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The workbook and the CSV read back: the same figures as the statistics body they were made from. */
class ReportWritersTest {

    static final Instant GENERATED = Instant.parse("2026-03-31T16:05:00Z");

    private static Map<String, Object> figures(long base) {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (ReportColumns.Column column : ReportColumns.all()) {
            figures.put(column.figure(), base + column.figure().length());
        }
        figures.put("successRate", new BigDecimal("0.6667"));
        figures.put("keptLocalRate", base == 0 ? null : new BigDecimal("0.7500"));
        figures.put("satisfaction", new BigDecimal("4.50"));
        figures.put("meanDaysToResolve", base == 0 ? null : new BigDecimal("13.25"));
        figures.put("medianDaysToResolve", new BigDecimal("13.5"));
        return figures;
    }

    private static Map<String, Object> region(String code, String name) {
        return Map.of("code", code, "name", name, "level", "TOWN");
    }

    static Map<String, Object> statistics(String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("region", region("511902101000", "巴州区样例镇一"));
        body.put("from", "2026-01-01");
        body.put("to", "2026-03-31");
        body.put("field", field);
        body.put("figures", figures(100));
        body.put("children", List.of(Map.of("region", region("511902101001", "样例村一"), "figures", figures(10)),
                                     Map.of("region", region("511902101002", "样例村二"), "figures", figures(0))));
        body.put("byField", List.of(Map.of("field", Map.of("code", "NEIGHBOURS", "name", "邻里纠纷"),
                                           "figures", figures(7)),
                                    Map.of("field", Map.of("code", "EPIDEMIC", "name", "疫情相关"),
                                           "figures", figures(0))));
        return body;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> expectedRegionRows(Map<String, Object> body) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add((Map<String, Object>) body.get("figures"));
        ((List<Map<String, Object>>) body.get("children")).forEach(c -> rows.add((Map<String, Object>) c.get("figures")));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> expectedFieldRows(Map<String, Object> body) {
        List<Map<String, Object>> rows = new ArrayList<>();
        // a sweep has no field: a field's row leaves 排查次数 empty instead of repeating the area's
        ((List<Map<String, Object>>) body.get("byField")).forEach(f -> {
            Map<String, Object> figures = new LinkedHashMap<>((Map<String, Object>) f.get("figures"));
            figures.put("sweeps", null);
            rows.add(figures);
        });
        return rows;
    }

    @Test
    void theWorkbookHoldsTheFiguresAsNumbersUnderChineseHeadings() throws IOException {
        Map<String, Object> body = statistics(null);
        byte[] bytes = ExportFormat.XLSX.write(StatisticsReport.of(body, GENERATED));

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetName(2)).isEqualTo("排名");
            Sheet byRegion = workbook.getSheet("统计");
            Sheet byField = workbook.getSheet("按领域");
            assertThat(byRegion).isNotNull();
            assertThat(byField).isNotNull();

            assertThat(byRegion.getRow(0).getCell(0).getStringCellValue()).isEqualTo("人民调解统计报表");
            assertThat(texts(byRegion.getRow(1))).containsExactly("地区", "巴州区样例镇一", "511902101000");
            assertThat(texts(byRegion.getRow(2))).containsExactly("统计期间", "2026-01-01 至 2026-03-31");
            assertThat(texts(byRegion.getRow(3))).containsExactly("领域", "全部领域");
            assertThat(texts(byRegion.getRow(4))).containsExactly("生成时间", "2026-04-01 00:05");

            int header = 6;
            List<String> headings = texts(byRegion.getRow(header));
            assertThat(headings).startsWith("地区", "区划代码", "排查次数", "排查发现", "登记", "调解", "调解成功",
                                            "调解不成", "调解成功率").hasSize(2 + ReportColumns.all().size());
            assertThat(byRegion.getRow(header).getCell(0).getCellStyle().getFontIndex()).isNotZero();
            assertThat(byRegion.getPaneInformation().isFreezePane()).isTrue();
            assertThat(byRegion.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) (header + 1));
            assertThat(byRegion.getColumnWidth(0)).isGreaterThan(byRegion.getDefaultColumnWidth() * 256);

            assertThat(texts(byRegion.getRow(header + 1)).subList(0, 2)).containsExactly("合计", "511902101000");
            assertThat(texts(byRegion.getRow(header + 2)).subList(0, 2)).containsExactly("样例村一", "511902101001");
            assertThat(texts(byRegion.getRow(header + 3)).subList(0, 2)).containsExactly("样例村二", "511902101002");
            assertThat(byRegion.getLastRowNum()).isEqualTo(header + 3);
            assertRows(byRegion, header + 1, 2, expectedRegionRows(body));

            assertThat(texts(byField.getRow(header))).startsWith("领域", "排查次数");
            assertThat(texts(byField.getRow(header + 1)).get(0)).isEqualTo("邻里纠纷");
            assertThat(byField.getLastRowNum()).isEqualTo(header + 2);
            assertRows(byField, header + 1, 1, expectedFieldRows(body));

            Cell rate = byRegion.getRow(header + 1).getCell(2 + index("successRate"));
            assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.00%");
        }
    }

    private static void assertRows(Sheet sheet, int first, int labels, List<Map<String, Object>> expected) {
        for (int i = 0; i < expected.size(); i++) {
            Row row = sheet.getRow(first + i);
            for (ReportColumns.Column column : ReportColumns.all()) {
                Cell cell = row.getCell(labels + index(column.figure()));
                Object value = expected.get(i).get(column.figure());
                if (value == null) {
                    assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(column.figure()).isTrue();
                } else {
                    assertThat(cell.getCellType()).as(column.figure()).isEqualTo(CellType.NUMERIC);
                    assertThat(BigDecimal.valueOf(cell.getNumericCellValue()))
                            .as(column.figure()).isEqualByComparingTo(new BigDecimal(value.toString()));
                }
            }
        }
    }

    @Test
    void theCsvStartsWithAByteOrderMarkAndHoldsTheFiguresAsPlainDecimals() throws IOException {
        Map<String, Object> body = statistics("NEIGHBOURS");
        byte[] bytes = ExportFormat.CSV.write(StatisticsReport.of(body, GENERATED));

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT)) {
            records = parser.getRecords();
        }
        assertThat(records.get(0).get(0)).isEqualTo("人民调解统计报表");
        assertThat(records.get(1).toList()).containsExactly("地区", "巴州区样例镇一", "511902101000");
        assertThat(records.get(2).toList()).containsExactly("统计期间", "2026-01-01 至 2026-03-31");
        assertThat(records.get(3).toList()).containsExactly("领域", "邻里纠纷");
        assertThat(records.get(4).toList()).containsExactly("生成时间", "2026-04-01 00:05");
        assertThat(records.get(5).get(0)).isEqualTo("按地区统计");
        List<String> headings = records.get(6).toList();
        assertThat(headings).startsWith("地区", "区划代码", "排查次数").hasSize(2 + ReportColumns.all().size());
        for (int i = 0; i < ReportColumns.all().size(); i++) {
            assertThat(headings.get(2 + i)).isEqualTo(ReportColumns.all().get(i).heading());
        }
        assertCsvRows(records.subList(7, 10), 2, expectedRegionRows(body));
        assertThat(records.get(7).get(0)).isEqualTo("合计");
        assertThat(records.get(9).get(1)).isEqualTo("511902101002");
        assertThat(records.get(10).get(0)).isEqualTo("按领域统计");
        assertThat(records.get(11).toList()).startsWith("领域", "排查次数");
        assertCsvRows(records.subList(12, 14), 1, expectedFieldRows(body));
        assertThat(records.get(14).get(0)).isEqualTo("下级地区排名（1 为最好）");
        assertThat(records).hasSize(18);
        assertThat(records.get(7).get(2 + index("successRate"))).isEqualTo("0.6667");
        assertThat(records.get(9).get(2 + index("keptLocalRate"))).isEmpty();
    }

    private static void assertCsvRows(List<CSVRecord> records, int labels, List<Map<String, Object>> expected) {
        assertThat(records).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            for (ReportColumns.Column column : ReportColumns.all()) {
                String cell = records.get(i).get(labels + index(column.figure()));
                Object value = expected.get(i).get(column.figure());
                if (value == null) {
                    assertThat(cell).as(column.figure()).isEmpty();
                } else {
                    assertThat(new BigDecimal(cell)).as(column.figure())
                                                    .isEqualByComparingTo(new BigDecimal(value.toString()));
                }
            }
        }
    }

    @Test
    void theRankingPutsTheBetterValueFirstAndSharesEqualPlaces() {
        // 样例村一 has the larger counts (base 10), 样例村二 base 0; equal rates share a place; no value, no place
        ReportTable ranking = StatisticsReport.of(statistics(null), GENERATED).tables().get(2);
        Map<String, Object> first = ranking.rows().get(0).figures();
        Map<String, Object> second = ranking.rows().get(1).figures();
        assertThat(first.get("resolved")).isEqualTo(1L);
        assertThat(second.get("resolved")).isEqualTo(2L);
        assertThat(first.get("overdue")).as("fewer overdue is better").isEqualTo(2L);
        assertThat(second.get("overdue")).isEqualTo(1L);
        assertThat(first.get("successRate")).isEqualTo(1L);
        assertThat(second.get("successRate")).isEqualTo(1L);
        assertThat(second.get("keptLocalRate")).isNull();
        assertThat(first.get("keptLocalRate")).isEqualTo(1L);
    }

    @Test
    void theDownloadNameIsChineseWithAnAsciiFallback() {
        StatisticsReport report = StatisticsReport.of(statistics(null), GENERATED);
        String disposition = ReportFileName.contentDisposition(report, ExportFormat.XLSX);
        assertThat(disposition).startsWith("attachment; filename=\"statistics-511902101000-2026-01-01-2026-03-31.xlsx\"; "
                                           + "filename*=UTF-8''");
        String encoded = disposition.substring(disposition.indexOf("UTF-8''") + 7);
        assertThat(encoded).matches("[A-Za-z0-9%!#$&+\\-.^_`|~]+");
        assertThat(java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8))
                .isEqualTo("人民调解统计_巴州区样例镇一_2026-01-01_2026-03-31.xlsx");
        StatisticsReport field = StatisticsReport.of(statistics("NEIGHBOURS"), GENERATED);
        assertThat(ReportFileName.ascii(field, ExportFormat.CSV))
                .isEqualTo("statistics-511902101000-NEIGHBOURS-2026-01-01-2026-03-31.csv");
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheParameter() {
        assertThat(ExportFormat.parse(null)).isEqualTo(ExportFormat.XLSX);
        assertThat(ExportFormat.parse("CSV")).isEqualTo(ExportFormat.CSV);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExportFormat.parse("pdf"))
                .isInstanceOfSatisfying(cn.mediation.query.support.BadQuery.class,
                                        e -> assertThat(e.parameter()).isEqualTo("format"));
    }

    private static int index(String figure) {
        for (int i = 0; i < ReportColumns.all().size(); i++) {
            if (ReportColumns.all().get(i).figure().equals(figure)) {
                return i;
            }
        }
        throw new IllegalArgumentException(figure);
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.getCellType() == CellType.STRING ? cell.getStringCellValue()
                                              : String.valueOf(cell.getNumericCellValue())));
        return texts;
    }
}
