package cn.mediation.command.web;

import cn.mediation.command.dispute.CommandResult;
import cn.mediation.command.dispute.RegistrationResult;
import cn.mediation.core.access.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.function.Function;

/**
 * The mediators' API: every step in the life of a dispute is a POST that stores events; erasing the parties'
 * personal data is a DELETE of {@code /personal-data}.
 */
@RestController
@RequestMapping(path = "/api/disputes", produces = "application/json")
public class DisputeCommandController {

    private final DisputeRequestHandler commands;

    public DisputeCommandController(DisputeRequestHandler commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<Responses.Registered> register(@RequestBody Requests.Register body,
                                                         Caller caller) {
        RegistrationResult result = commands.register(body, caller);
        return ResponseEntity.status(HttpStatus.CREATED)
                             .location(URI.create("/api/disputes/" + result.id()))
                             .eTag("\"" + result.version() + "\"")
                             .body(new Responses.Registered(result.id(), result.caseNumber(), result.status(),
                                                            result.version()));
    }

    @PostMapping(path = "/{id}/screening", consumes = "application/json")
    public ResponseEntity<Responses.State> screen(@PathVariable String id, @RequestBody Requests.Screening body,
                                                  Caller caller,
                                                  @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.screen(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/mediation", consumes = "application/json")
    public ResponseEntity<Responses.State> mediate(@PathVariable String id, @RequestBody Requests.Mediation body,
                                                   Caller caller,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.startMediation(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/sessions", consumes = "application/json")
    public ResponseEntity<Responses.State> session(@PathVariable String id, @RequestBody Requests.Session body,
                                                   Caller caller,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.recordSession(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/resolution", consumes = "application/json")
    public ResponseEntity<Responses.State> resolve(@PathVariable String id, @RequestBody Requests.Resolution body,
                                                   Caller caller,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.resolve(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/failure", consumes = "application/json")
    public ResponseEntity<Responses.State> fail(@PathVariable String id, @RequestBody Requests.Failure body,
                                                Caller caller,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.fail(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/escalation", consumes = "application/json")
    public ResponseEntity<Responses.State> escalate(@PathVariable String id, @RequestBody Requests.Escalation body,
                                                    Caller caller,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.escalate(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/escalation/acceptance", consumes = "application/json")
    public ResponseEntity<Responses.State> acceptEscalation(@PathVariable String id,
                                                            @RequestBody Requests.DateOnly body,
                                                            Caller caller,
                                                            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch,
                   (a) -> commands.acceptEscalation(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/withdrawal", consumes = "application/json")
    public ResponseEntity<Responses.State> withdraw(@PathVariable String id, @RequestBody Requests.Reasoned body,
                                                    Caller caller,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.withdraw(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/fulfilment", consumes = "application/json")
    public ResponseEntity<Responses.State> fulfilment(@PathVariable String id, @RequestBody Requests.Fulfilment body,
                                                      Caller caller,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch,
                   (a) -> commands.recordFulfilment(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/judicial-confirmation", consumes = "application/json")
    public ResponseEntity<Responses.State> judicialConfirmation(@PathVariable String id,
                                                                @RequestBody Requests.JudicialConfirmation body,
                                                                Caller caller,
                                                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch,
                   (a) -> commands.recordJudicialConfirmation(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/follow-up", consumes = "application/json")
    public ResponseEntity<Responses.State> followUp(@PathVariable String id, @RequestBody Requests.FollowUp body,
                                                    Caller caller,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.recordFollowUp(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/reopening", consumes = "application/json")
    public ResponseEntity<Responses.State> reopen(@PathVariable String id, @RequestBody Requests.Reasoned body,
                                                  Caller caller,
                                                  @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.reopen(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/closure", consumes = "application/json")
    public ResponseEntity<Responses.State> close(@PathVariable String id, @RequestBody Requests.Reasoned body,
                                                 Caller caller,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.close(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/incidents", consumes = "application/json")
    public ResponseEntity<Responses.State> incident(@PathVariable String id, @RequestBody Requests.Incident body,
                                                    Caller caller,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.recordIncident(id, body, a, Preconditions.expectedVersion(ifMatch)));
    }

    /** Erases the parties' personal data (PIPL); the case and its figures stay. Repeating it is harmless. */
    @DeleteMapping(path = "/{id}/personal-data")
    public ResponseEntity<Responses.State> erasePersonalData(@PathVariable String id, Caller caller,
                                                             @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, caller, ifMatch, (a) -> commands.erasePersonalData(id, a, Preconditions.expectedVersion(ifMatch)));
    }

    private ResponseEntity<Responses.State> act(String id, Caller caller, String ifMatch,
                                                Function<Caller, CommandResult> command) {
        DisputeRequestHandler.checkId(id);
        Preconditions.expectedVersion(ifMatch);
        CommandResult result = command.apply(caller);
        return ResponseEntity.ok()
                             .eTag("\"" + result.version() + "\"")
                             .body(new Responses.State(result.id(), result.status(), result.version()));
    }
}
