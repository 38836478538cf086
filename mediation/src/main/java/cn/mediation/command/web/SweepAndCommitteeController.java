package cn.mediation.command.web;

import cn.mediation.core.access.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Screening sweeps, committees and their mediators. */
@RestController
public class SweepAndCommitteeController {

    private final SweepRequestHandler sweeps;
    private final CommitteeRequestHandler committees;

    public SweepAndCommitteeController(SweepRequestHandler sweeps, CommitteeRequestHandler committees) {
        this.sweeps = sweeps;
        this.committees = committees;
    }

    @PostMapping(path = "/api/sweeps", consumes = "application/json", produces = "application/json")
    public ResponseEntity<Responses.Recorded> sweep(@RequestBody Requests.Sweep body,
                                                    Caller caller) {
        String id = sweeps.record(body, caller);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/sweeps/" + id))
                             .body(new Responses.Recorded(id));
    }

    @PostMapping(path = "/api/committees", consumes = "application/json", produces = "application/json")
    public ResponseEntity<Responses.Recorded> committee(@RequestBody Requests.NewCommittee body,
                                                        Caller caller) {
        String id = committees.establish(body, caller);
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/committees?id=" + id))
                             .body(new Responses.Recorded(id));
    }

    @PostMapping(path = "/api/committees/{id}/mediators", consumes = "application/json",
                 produces = "application/json")
    public ResponseEntity<Responses.Recorded> mediator(@PathVariable String id, @RequestBody Requests.NewMediator body,
                                                       Caller caller) {
        String mediatorId = committees.appoint(id, body, caller);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Responses.Recorded(mediatorId));
    }

    /** The committee's kind (and trade), recorded or corrected by an administrator of its area. */
    @PostMapping(path = "/api/committees/{id}/kind", consumes = "application/json", produces = "application/json")
    public ResponseEntity<Responses.Recorded> kind(@PathVariable String id, @RequestBody Requests.CommitteeKindBody body,
                                                   Caller caller) {
        return ResponseEntity.ok(new Responses.Recorded(committees.recordKind(id, body, caller)));
    }

    /** Whether a mediator serves full-time (专职) or part-time (兼职). */
    @PostMapping(path = "/api/committees/{id}/mediators/{mediatorId}/employment", consumes = "application/json",
                 produces = "application/json")
    public ResponseEntity<Responses.Recorded> employment(@PathVariable String id, @PathVariable String mediatorId,
                                                         @RequestBody Requests.Employment body, Caller caller) {
        return ResponseEntity.ok(new Responses.Recorded(committees.recordEmployment(id, mediatorId, body, caller)));
    }
}
