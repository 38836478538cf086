package cn.mediation.command.web;

import cn.mediation.command.dispute.CommandResult;
import cn.mediation.command.dispute.DisputeCommands;
import cn.mediation.command.dispute.RegistrationResult;
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

    private final DisputeCommands commands;

    public DisputeCommandController(DisputeCommands commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<Responses.Registered> register(@RequestBody Requests.Register body,
                                                         @RequestHeader(value = Actors.HEADER, required = false) String actor) {
        RegistrationResult result = commands.register(body, Actors.from(actor));
        return ResponseEntity.status(HttpStatus.CREATED)
                             .location(URI.create("/api/disputes/" + result.id()))
                             .eTag("\"" + result.version() + "\"")
                             .body(new Responses.Registered(result.id(), result.caseNumber(), result.status(),
                                                            result.version()));
    }

    @PostMapping(path = "/{id}/screening", consumes = "application/json")
    public ResponseEntity<Responses.State> screen(@PathVariable String id, @RequestBody Requests.Screening body,
                                                  @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                  @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.screen(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/mediation", consumes = "application/json")
    public ResponseEntity<Responses.State> mediate(@PathVariable String id, @RequestBody Requests.Mediation body,
                                                   @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.startMediation(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/sessions", consumes = "application/json")
    public ResponseEntity<Responses.State> session(@PathVariable String id, @RequestBody Requests.Session body,
                                                   @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.recordSession(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/resolution", consumes = "application/json")
    public ResponseEntity<Responses.State> resolve(@PathVariable String id, @RequestBody Requests.Resolution body,
                                                   @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                   @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.resolve(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/failure", consumes = "application/json")
    public ResponseEntity<Responses.State> fail(@PathVariable String id, @RequestBody Requests.Failure body,
                                                @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.fail(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/escalation", consumes = "application/json")
    public ResponseEntity<Responses.State> escalate(@PathVariable String id, @RequestBody Requests.Escalation body,
                                                    @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.escalate(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/escalation/acceptance", consumes = "application/json")
    public ResponseEntity<Responses.State> acceptEscalation(@PathVariable String id,
                                                            @RequestBody Requests.DateOnly body,
                                                            @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch,
                   (a) -> commands.acceptEscalation(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/withdrawal", consumes = "application/json")
    public ResponseEntity<Responses.State> withdraw(@PathVariable String id, @RequestBody Requests.Reasoned body,
                                                    @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.withdraw(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/fulfilment", consumes = "application/json")
    public ResponseEntity<Responses.State> fulfilment(@PathVariable String id, @RequestBody Requests.Fulfilment body,
                                                      @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch,
                   (a) -> commands.recordFulfilment(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/judicial-confirmation", consumes = "application/json")
    public ResponseEntity<Responses.State> judicialConfirmation(@PathVariable String id,
                                                                @RequestBody Requests.JudicialConfirmation body,
                                                                @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch,
                   (a) -> commands.recordJudicialConfirmation(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/follow-up", consumes = "application/json")
    public ResponseEntity<Responses.State> followUp(@PathVariable String id, @RequestBody Requests.FollowUp body,
                                                    @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.recordFollowUp(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/reopening", consumes = "application/json")
    public ResponseEntity<Responses.State> reopen(@PathVariable String id, @RequestBody Requests.Reasoned body,
                                                  @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                  @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.reopen(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/closure", consumes = "application/json")
    public ResponseEntity<Responses.State> close(@PathVariable String id, @RequestBody Requests.Reasoned body,
                                                 @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                 @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.close(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    @PostMapping(path = "/{id}/incidents", consumes = "application/json")
    public ResponseEntity<Responses.State> incident(@PathVariable String id, @RequestBody Requests.Incident body,
                                                    @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                    @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.recordIncident(id, body, a, Actors.expectedVersion(ifMatch)));
    }

    /** Erases the parties' personal data (PIPL); the case and its figures stay. Repeating it is harmless. */
    @DeleteMapping(path = "/{id}/personal-data")
    public ResponseEntity<Responses.State> erasePersonalData(@PathVariable String id,
                                                             @RequestHeader(value = Actors.HEADER, required = false) String actor,
                                                             @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return act(id, actor, ifMatch, (a) -> commands.erasePersonalData(id, a, Actors.expectedVersion(ifMatch)));
    }

    private ResponseEntity<Responses.State> act(String id, String actorHeader, String ifMatch,
                                                Function<String, CommandResult> command) {
        DisputeCommands.checkId(id);
        String actor = Actors.from(actorHeader);
        Actors.expectedVersion(ifMatch);
        CommandResult result = command.apply(actor);
        return ResponseEntity.ok()
                             .eTag("\"" + result.version() + "\"")
                             .body(new Responses.State(result.id(), result.status(), result.version()));
    }
}
