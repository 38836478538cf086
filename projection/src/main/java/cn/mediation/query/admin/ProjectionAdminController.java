package cn.mediation.query.admin;

import cn.mediation.core.access.Caller;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.eventstore.EventLogPositions;
import cn.mediation.query.statistics.StatisticsVerification;
import cn.mediation.query.support.NotFound;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The projections: their progress, rebuilding one from the start of the log, and verifying the live figures. */
@RestController
public class ProjectionAdminController {

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine engine;
    private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("\\d{12}");

    private final StatisticsVerification verification;
    private final ProcessorSupervisor supervisor;

    private final cn.mediation.query.support.ReplayGate replays;
    private final SegmentClaims claims;

    public ProjectionAdminController(EventProcessingConfiguration processing, EventStorageEngine engine,
                                     StatisticsVerification verification, ProcessorSupervisor supervisor,
                                     cn.mediation.query.support.ReplayGate replays,
                                     org.springframework.beans.factory.ObjectProvider<SegmentClaims> claims) {
        this.claims = claims.getIfAvailable();
        this.processing = processing;
        this.engine = engine;
        this.verification = verification;
        this.supervisor = supervisor;
        this.replays = replays;
    }

    @GetMapping(path = "/api/admin/projections", produces = "application/json")
    public Map<String, Object> projections() {
        long head = head();
        List<Map<String, Object>> projections = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> projections.add(status(name, processor, head)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("head", head);
        if (claims != null) {
            body.put("node", claims.nodeId());
        }
        body.put("projections", projections);
        return body;
    }

    @PostMapping(path = "/api/admin/projections/{name}/rebuild", produces = "application/json")
    public ResponseEntity<Map<String, Object>> rebuild(@PathVariable String name, Caller caller) {
        if (caller.scope().level() != RegionLevel.CITY) {
            // a rebuild empties every area's read model for its length: only an administrator of the whole directory
            throw new cn.mediation.core.access.OutOfJurisdiction(null);
        }
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                                                      .orElseThrow(() -> new NotFound("No projection " + cn.mediation.query.support.BadQuery.echo(name)));
        supervisor.rebuild(processor);
        long head = head();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(name, processor, head));
    }

    @GetMapping(path = "/api/admin/projections/verify", produces = "application/json")
    public Map<String, Object> verify(Caller caller) {
        List<Map<String, Object>> all = replays.answer(caller.username(), "verify", verification::differences);
        List<Map<String, Object>> differences = all.stream()
                .filter(difference -> inScope(String.valueOf(difference.get("path")), caller)).toList();
        return Map.of("differences", differences, "ok", differences.isEmpty());
    }

    /**
     * How far the caller's replay check (or point-in-time statistics) running on this instance has read the log, for
     * the page that waits on it: {@code running}, {@code read}, {@code last}, {@code fraction}; {@code running: false}
     * when none runs here (behind a balancer that did not send this request where the replay runs, too).
     */
    @GetMapping(path = "/api/admin/projections/verify/progress", produces = "application/json")
    public Map<String, Object> verifyProgress(Caller caller) {
        return replays.progress(caller.username()).map(cn.mediation.query.support.ReplayGate.Progress::describe)
                      .orElseGet(() -> Map.of("running", false));
    }

    /**
     * The last event in the log, not the last number allocated: numbers an interrupted append (a crash, a database
     * outage) took and never used would keep every processor short of "caught up" until the next event.
     */
    private long head() {
        return engine instanceof EventLogPositions log ? log.lastEventPosition() : -1;
    }

    /** A difference belongs to the region its bucket names; a caller sees those inside its scope. */
    private static boolean inScope(String path, Caller caller) {
        java.util.regex.Matcher region = REGION.matcher(path);
        return region.find() ? caller.reaches(region.group()) : caller.scope().level() == RegionLevel.CITY;
    }

    /**
     * A processor's state on this instance; its position is the slowest segment's stored token (whichever instance
     * holds it), and {@code segments} tells which instance holds each segment and how far it is.
     */
    private Map<String, Object> status(String name, EventProcessor processor, long head) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("name", name);
        status.put("running", processor.isRunning());
        String problem = ProcessorSupervisor.state(processor);
        status.put("state", problem == null ? "running" : problem);
        if (processor instanceof StreamingEventProcessor streaming) {
            long position = -1;
            boolean replaying = false;
            for (EventTrackerStatus tracker : streaming.processingStatus().values()) {
                OptionalLong current = tracker.getCurrentPosition();
                if (current.isPresent()) {
                    position = Math.max(position, current.getAsLong());
                }
                replaying |= tracker.isReplaying();
            }
            List<SegmentClaims.Claim> segments = claims == null ? List.of() : claims.claims(name);
            if (!segments.isEmpty()) {
                position = segments.stream().mapToLong(SegmentClaims.Claim::position).min().orElse(position);
                List<Map<String, Object>> described = new ArrayList<>();
                for (SegmentClaims.Claim claim : segments) {
                    Map<String, Object> segment = new LinkedHashMap<>();
                    segment.put("segment", claim.segment());
                    segment.put("owner", claim.owner());
                    segment.put("position", claim.position());
                    segment.put("claimedAt", claim.claimedAt() == null ? null : claim.claimedAt().toString());
                    described.add(segment);
                }
                status.put("segments", described);
            }
            status.put("position", position);
            status.put("replaying", replaying);
            status.put("progress", head <= 0 ? 1.0 : Math.min(1.0, Math.max(0, position) / (double) head));
            // a reset processor stays "replaying" until it handles an event past its reset point
            status.put("caughtUp", position >= head);
        }
        return status;
    }
}
