package cn.mediation.command.web;

import cn.mediation.command.dispute.LifecycleViolation;
import cn.mediation.command.dispute.RegistrationConflict;
import cn.mediation.command.dispute.RuleViolation;
import cn.mediation.command.dispute.StaleVersion;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;

/**
 * Refusals of the write side as RFC 9457 problem details: a type, a title, a detail a mediator can read, and for
 * field-level problems an {@code errors} array of {@code {field, message}}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CommandProblemHandler {

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    @ExceptionHandler(InvalidRequest.class)
    public ProblemDetail invalid(InvalidRequest e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid",
                                        e.getMessage());
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    public ProblemDetail rule(RuleViolation e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "rule-violation", "A business rule refused the request",
                                        e.getMessage());
        problem.setProperty("errors", List.of(new FieldError(e.field(), e.getMessage())));
        return problem;
    }

    @ExceptionHandler(LifecycleViolation.class)
    public ProblemDetail lifecycle(LifecycleViolation e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "illegal-transition",
                                        "Not allowed in the dispute's current status", e.getMessage());
        problem.setProperty("currentStatus", e.status());
        return problem;
    }

    @ExceptionHandler(StaleVersion.class)
    public ProblemDetail stale(StaleVersion e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "The dispute has changed", e.getMessage());
    }

    @ExceptionHandler(RegistrationConflict.class)
    public ProblemDetail registrationConflict(RegistrationConflict e) {
        return problem(HttpStatus.CONFLICT, "id-conflict", "This id is taken by another registration", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such dispute",
                       "No dispute with id " + e.getAggregateIdentifier());
    }

    /**
     * The id names a record of another kind (a committee's id sent as a dispute's): a conflict, as for any id that is
     * taken, not an internal error.
     */
    @ExceptionHandler(org.axonframework.eventsourcing.IncompatibleAggregateException.class)
    public ProblemDetail otherKind(org.axonframework.eventsourcing.IncompatibleAggregateException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "id-conflict", "This id is taken",
                                        "id is taken by another record");
        problem.setProperty("errors", List.of(new FieldError("id", "is taken by another record")));
        return problem;
    }

    @ExceptionHandler(ConcurrencyException.class)
    public ProblemDetail concurrency(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Changed by someone else at the same time",
                       "Another change to the same record was being saved; please try again");
    }
}
