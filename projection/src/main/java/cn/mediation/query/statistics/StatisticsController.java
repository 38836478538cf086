package cn.mediation.query.statistics;

import cn.mediation.core.access.Caller;
import cn.mediation.core.access.Role;
import cn.mediation.query.export.ExportFormat;
import cn.mediation.query.export.ReportFileName;
import cn.mediation.query.export.StatisticsReport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /api/statistics}, the drill-through to the disputes behind a figure, the monthly trend, and the export
 * of a view as a report file.
 */
@RestController
public class StatisticsController {

    private final StatisticsService statistics;
    private final DrillThrough drillThrough;
    private final Clock clock;
    private final cn.mediation.query.support.ReplayGate replays;

    public StatisticsController(StatisticsService statistics, DrillThrough drillThrough, Clock clock,
                                cn.mediation.query.support.ReplayGate replays) {
        this.statistics = statistics;
        this.replays = replays;
        this.drillThrough = drillThrough;
        this.clock = clock;
    }

    @GetMapping(path = "/api/statistics", produces = "application/json")
    public Map<String, Object> statistics(@RequestParam(required = false) String region,
                                          @RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to,
                                          @RequestParam(required = false) String field,
                                          @RequestParam(required = false) String asOf,
                                          @RequestParam(required = false) String asOfDate,
                                          @RequestParam(required = false) String compare, Caller caller) {
        if (asOf != null || asOfDate != null) {
            caller.requireRole(Role.AUDITOR);
        }
        StatisticsService.Query query = statistics.parse(area(region, caller), from, to, field, asOf, asOfDate);
        if (query.asOf() == null && query.asOfDate() == null) {
            return statistics.statistics(query, compare);
        }
        // a replay of the log up to asOf (or a business date): kept per query and log position, limited per user
        return replays.answer(caller.username(), "statistics|" + query + "|" + compare, () -> statistics.statistics(query, compare));
    }

    @GetMapping(path = "/api/statistics/cases", produces = "application/json")
    public Map<String, Object> cases(@RequestParam(required = false) String region,
                                     @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String field,
                                     @RequestParam(required = false) String figure,
                                     @RequestParam(required = false, defaultValue = "0") int page,
                                     @RequestParam(required = false, defaultValue = "50") int size,
                                     Caller caller) {
        return drillThrough.cases(statistics.parse(area(region, caller), from, to, field, null), figure, page, size);
    }

    /** Every case behind a figure (up to 5,000) as a workbook or CSV: 案号, 状态, 村(社区), 登记日期, 纠纷简要情况. */
    @GetMapping(path = "/api/statistics/cases/export")
    public ResponseEntity<byte[]> exportCases(@RequestParam(required = false) String region,
                                              @RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to,
                                              @RequestParam(required = false) String field,
                                              @RequestParam(required = false) String figure,
                                              @RequestParam(required = false) String format, Caller caller) {
        StatisticsService.Query query = statistics.parse(area(region, caller), from, to, field, null);
        ExportFormat exportFormat = ExportFormat.parse(format);
        Map<String, Object> cases = drillThrough.all(query, figure);
        StatisticsReport report = StatisticsReport.ofCases(cases, clock.instant());
        return download(exportFormat, ReportFileName.contentDisposition(report, exportFormat),
                        exportFormat.write(report));
    }

    @GetMapping(path = "/api/statistics/trend", produces = "application/json")
    public Map<String, Object> trend(@RequestParam(required = false) String region,
                                     @RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String field, Caller caller) {
        return statistics.trend(statistics.parse(area(region, caller), from, to, field, null));
    }

    /** The same numbers as {@code GET /api/statistics} for the query, as a workbook or a CSV to download. */
    @GetMapping(path = "/api/statistics/export")
    public ResponseEntity<byte[]> export(@RequestParam(required = false) String region,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(required = false) String field,
                                         @RequestParam(required = false) String format,
                                         @RequestParam(required = false) String compare, Caller caller) {
        StatisticsService.Query query = statistics.parse(area(region, caller), from, to, field, null);
        ExportFormat exportFormat = ExportFormat.parse(format);
        StatisticsReport report = StatisticsReport.of(statistics.statistics(query, compare), clock.instant());
        return download(exportFormat, ReportFileName.contentDisposition(report, exportFormat),
                        exportFormat.write(report));
    }

    /**
     * The official report (上报报表) of an area for a month, quarter or year ({@code period=2026-03|2026-Q1|2026}) or
     * {@code from}/{@code to}, as the workbook a bureau submits or a CSV of the same rows; {@code format=json} gives
     * the body the files are written from; {@code asOf} (auditors) makes it again as the system had it then.
     */
    @GetMapping(path = "/api/statistics/report")
    public ResponseEntity<?> officialReport(@RequestParam(required = false) String region,
                                            @RequestParam(required = false) String period,
                                            @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String format,
                                            @RequestParam(required = false) String asOf, Caller caller) {
        if (asOf != null) {
            caller.requireRole(Role.AUDITOR);
        }
        cn.mediation.query.export.ReportPeriod reportPeriod = cn.mediation.query.export.ReportPeriod.parse(period, from, to);
        StatisticsService.Query query = statistics.parse(area(region, caller), reportPeriod.from().toString(),
                                                         reportPeriod.to().toString(), null, asOf);
        // as the system had it at asOf: a replay of the log, kept per query and log position, limited per user
        Map<String, Object> body = query.asOf() == null
                ? statistics.officialReport(query.region(), query.from(), query.to())
                : replays.answer(caller.username(), "report|" + query, () -> statistics.officialReport(
                        query.region(), query.from(), query.to(), query.asOf()));
        if (format != null && format.strip().equalsIgnoreCase("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
        }
        ExportFormat exportFormat = ExportFormat.parse(format);
        cn.mediation.query.export.OfficialReport report =
                cn.mediation.query.export.OfficialReport.of(body, reportPeriod, clock.instant());
        return download(exportFormat,
                        cn.mediation.query.export.OfficialReportWriter.contentDisposition(report, exportFormat),
                        cn.mediation.query.export.OfficialReportWriter.write(report, exportFormat));
    }

    /** A file to download: its type by the format, its name in the {@code Content-Disposition} given. */
    private static ResponseEntity<byte[]> download(ExportFormat format, String contentDisposition, byte[] file) {
        return ResponseEntity.ok()
                             .contentType(MediaType.parseMediaType(format.contentType()))
                             .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition)
                             .body(file);
    }

    /** The region asked for, which must lie in the caller's scope; the scope itself when none is given. */
    private static String area(String region, Caller caller) {
        if (region == null || region.isBlank()) {
            return caller.scope().value();
        }
        caller.requireReach("region", region);
        return region;
    }
}
