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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.function.Supplier;

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
                                                  ExpectedVersion expected) {
        return act(id, () -> commands.screen(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/mediation", consumes = "application/json")
    public ResponseEntity<Responses.State> mediate(@PathVariable String id, @RequestBody Requests.Mediation body,
                                                   Caller caller,
                                                   ExpectedVersion expected) {
        return act(id, () -> commands.startMediation(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/sessions", consumes = "application/json")
    public ResponseEntity<Responses.State> session(@PathVariable String id, @RequestBody Requests.Session body,
                                                   Caller caller,
                                                   ExpectedVersion expected) {
        return act(id, () -> commands.recordSession(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/resolution", consumes = "application/json")
    public ResponseEntity<Responses.State> resolve(@PathVariable String id, @RequestBody Requests.Resolution body,
                                                   Caller caller,
                                                   ExpectedVersion expected) {
        return act(id, () -> commands.resolve(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/failure", consumes = "application/json")
    public ResponseEntity<Responses.State> fail(@PathVariable String id, @RequestBody Requests.Failure body,
                                                Caller caller,
                                                ExpectedVersion expected) {
        return act(id, () -> commands.fail(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/escalation", consumes = "application/json")
    public ResponseEntity<Responses.State> escalate(@PathVariable String id, @RequestBody Requests.Escalation body,
                                                    Caller caller,
                                                    ExpectedVersion expected) {
        return act(id, () -> commands.escalate(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/escalation/acceptance", consumes = "application/json")
    public ResponseEntity<Responses.State> acceptEscalation(@PathVariable String id,
                                                            @RequestBody Requests.DateOnly body,
                                                            Caller caller,
                                                            ExpectedVersion expected) {
        return act(id, () -> commands.acceptEscalation(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/withdrawal", consumes = "application/json")
    public ResponseEntity<Responses.State> withdraw(@PathVariable String id, @RequestBody Requests.Reasoned body,
                                                    Caller caller,
                                                    ExpectedVersion expected) {
        return act(id, () -> commands.withdraw(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/fulfilment", consumes = "application/json")
    public ResponseEntity<Responses.State> fulfilment(@PathVariable String id, @RequestBody Requests.Fulfilment body,
                                                      Caller caller,
                                                      ExpectedVersion expected) {
        return act(id, () -> commands.recordFulfilment(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/judicial-confirmation", consumes = "application/json")
    public ResponseEntity<Responses.State> judicialConfirmation(@PathVariable String id,
                                                                @RequestBody Requests.JudicialConfirmation body,
                                                                Caller caller,
                                                                ExpectedVersion expected) {
        return act(id, () -> commands.recordJudicialConfirmation(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/follow-up", consumes = "application/json")
    public ResponseEntity<Responses.State> followUp(@PathVariable String id, @RequestBody Requests.FollowUp body,
                                                    Caller caller,
                                                    ExpectedVersion expected) {
        return act(id, () -> commands.recordFollowUp(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/reopening", consumes = "application/json")
    public ResponseEntity<Responses.State> reopen(@PathVariable String id, @RequestBody Requests.Reasoned body,
                                                  Caller caller,
                                                  ExpectedVersion expected) {
        return act(id, () -> commands.reopen(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/closure", consumes = "application/json")
    public ResponseEntity<Responses.State> close(@PathVariable String id, @RequestBody Requests.Reasoned body,
                                                 Caller caller,
                                                 ExpectedVersion expected) {
        return act(id, () -> commands.close(id, body, caller, expected.value()));
    }

    @PostMapping(path = "/{id}/incidents", consumes = "application/json")
    public ResponseEntity<Responses.State> incident(@PathVariable String id, @RequestBody Requests.Incident body,
                                                    Caller caller,
                                                    ExpectedVersion expected) {
        return act(id, () -> commands.recordIncident(id, body, caller, expected.value()));
    }

    /** Erases the parties' personal data (PIPL); the case and its figures stay. Repeating it is harmless. */
    @DeleteMapping(path = "/{id}/personal-data")
    public ResponseEntity<Responses.State> erasePersonalData(@PathVariable String id, Caller caller,
                                                             ExpectedVersion expected) {
        return act(id, () -> commands.erasePersonalData(id, caller, expected.value()));
    }

    /** Checks the id, takes the step, and answers the dispute's new state with its version as the ETag. */
    private ResponseEntity<Responses.State> act(String id, Supplier<CommandResult> command) {
        DisputeRequestHandler.checkId(id);
        CommandResult result = command.get();
        return ResponseEntity.ok()
                             .eTag("\"" + result.version() + "\"")
                             .body(new Responses.State(result.id(), result.status(), result.version()));
    }
}
