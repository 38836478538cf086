package cn.mediation.app.eventlog;

import cn.mediation.core.access.Caller;
import cn.mediation.core.access.OutOfJurisdiction;
import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.eventstore.EventLogExport;
import cn.mediation.core.eventstore.EventLogImport;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.region.RegionLevel;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole event log out and in, for backups and moving a bureau's records to another server: export as NDJSON
 * (see {@link EventLogExport}), import into an empty store after every chain is checked (see
 * {@link EventLogImport}). Only an administrator of the whole directory (the city) may do either: the log holds
 * every area's cases. The work is in core; this class only speaks HTTP.
 *
 * <p>An import is first copied to a temporary file: it is read twice (checked as a whole, then written), and a
 * request body can be read once. The body comes as a plain stream (not through a message converter) so that a
 * large log is never held in memory. The keys of personal data are never exported (see the README).
 */
@RestController
public class EventLogController {

    public static final String NDJSON = "application/x-ndjson";
    private static final Logger log = LoggerFactory.getLogger(EventLogController.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                                                        .withZone(ZoneId.of("Asia/Shanghai"));

    private final MongoEventStorageEngine engine;
    private final Clock clock;
    private final AuditLedger ledger;

    public EventLogController(EventStorageEngine engine, Clock clock, AuditLedger ledger) {
        this.engine = (MongoEventStorageEngine) engine;
        this.clock = clock;
        this.ledger = ledger;
    }

    /**
     * Streams the log straight to the response as it is read (written synchronously: no async dispatch, and the
     * whole log is never held in memory).
     */
    @GetMapping(path = "/api/admin/events/export")
    public void export(Caller caller, HttpServletResponse response) throws IOException {
        requireWholeDirectory(caller);
        response.setContentType(NDJSON + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"events-"
                + FILE_TIME.format(clock.instant()) + ".ndjson\"");
        BufferedWriter writer = new BufferedWriter(
                new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        long lines = new EventLogExport(engine, ledger).writeTo(writer);
        log.info("Exported the event log: {} event(s) for {}", lines, caller.username());
    }

    @PostMapping(path = "/api/admin/events/import", produces = "application/json")
    public ResponseEntity<Object> importLog(Caller caller, InputStream body,
                                            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false)
                                            String contentType) throws IOException {
        requireWholeDirectory(caller);
        if (contentType == null || !MediaType.parseMediaType(contentType).isCompatibleWith(
                MediaType.parseMediaType(NDJSON))) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "/problems/unsupported-media-type",
                           "An import is NDJSON", "Send the export as " + NDJSON, Map.of());
        }
        Path copy = Files.createTempFile("event-log-import", ".ndjson");
        try {
            try (InputStream in = body) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            EventLogImport.Result result = new EventLogImport(engine, ledger).run(
                    () -> Files.newBufferedReader(copy, StandardCharsets.UTF_8));
            log.info("Imported an event log: {} event(s) of {} aggregate(s) for {}", result.events(),
                     result.aggregates(), caller.username());
            Map<String, Object> imported = new LinkedHashMap<>();
            imported.put("events", result.events());
            imported.put("aggregates", result.aggregates());
            imported.put("head", result.head());
            imported.put("next", "Rebuild the projections: POST /api/admin/projections/{name}/rebuild");
            return ResponseEntity.ok(imported);
        } catch (CharacterCodingException e) {
            return problem(HttpStatus.BAD_REQUEST, "/problems/invalid-request", "The request is not valid",
                           "The export is not UTF-8 text", Map.of());
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @ExceptionHandler(EventLogImport.Refused.class)
    public ResponseEntity<Object> refused(EventLogImport.Refused e) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("line", e.line());
        where.put("aggregateIdentifier", e.aggregateIdentifier());
        where.put("sequenceNumber", e.sequenceNumber());
        where.put("reason", e.reason());
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "/problems/broken-event-log",
                       "The export is not an intact event log; nothing was imported", e.getMessage(), where);
    }

    @ExceptionHandler(EventLogImport.NotEmpty.class)
    public ResponseEntity<Object> notEmpty(EventLogImport.NotEmpty e) {
        return problem(HttpStatus.CONFLICT, "/problems/event-store-not-empty",
                       "An import only restores into an empty event store", e.getMessage(), Map.of());
    }

    private static void requireWholeDirectory(Caller caller) {
        if (caller.scope().level() != RegionLevel.CITY) {
            // the log holds every area's cases: an administrator of a part of the directory may not take it
            throw new OutOfJurisdiction(null);
        }
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail,
                                                  Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
