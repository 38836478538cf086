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
import org.springframework.web.context.request.WebRequest;

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

    private static final String LANGUAGE = "Accept-Language";

    @ExceptionHandler(InvalidRequest.class)
    public ProblemDetail invalid(InvalidRequest e, WebRequest request) {
        boolean zh = ProblemText.chinese(request.getHeader(LANGUAGE));
        List<FieldError> errors = e.errors().stream().map(error -> ProblemText.localized(error, zh)).toList();
        String detail = !zh ? e.getMessage() : errors.size() == 1
                ? ProblemText.zh("detail.field", e.getMessage(), errors.get(0).field(), errors.get(0).message())
                : ProblemText.zh("detail.fields", e.getMessage(), errors.size());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request",
                                        zh ? ProblemText.zh("title.invalid-request", "") : "The request is not valid",
                                        detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    public ProblemDetail rule(RuleViolation e, WebRequest request) {
        boolean zh = ProblemText.chinese(request.getHeader(LANGUAGE));
        FieldError error = ProblemText.localized(
                new FieldError(e.field(), FieldError.codeOf(e.field(), e.rule()), e.getMessage(), e.args()), zh);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "rule-violation",
                                        zh ? ProblemText.zh("title.rule-violation", "")
                                                : "A business rule refused the request", error.message());
        problem.setProperty("errors", List.of(error));
        return problem;
    }

    @ExceptionHandler(LifecycleViolation.class)
    public ProblemDetail lifecycle(LifecycleViolation e, WebRequest request) {
        boolean zh = ProblemText.chinese(request.getHeader(LANGUAGE));
        String detail = !zh ? e.getMessage() : ProblemText.zh(
                "detail.illegal-transition", e.getMessage(), e.status().chinese(),
                ProblemText.zh("step." + e.step().name(), e.step().name()));
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "illegal-transition",
                                        zh ? ProblemText.zh("title.illegal-transition", "")
                                                : "Not allowed in the dispute's current status", detail);
        problem.setProperty("currentStatus", e.status());
        problem.setProperty("errors", List.of(new FieldError("status", "status.illegalTransition", detail, List.of())));
        return problem;
    }

    @ExceptionHandler(StaleVersion.class)
    public ProblemDetail stale(StaleVersion e, WebRequest request) {
        boolean zh = ProblemText.chinese(request.getHeader(LANGUAGE));
        String detail = zh ? ProblemText.zh("detail.stale-version", e.getMessage(), e.actual(), e.expected())
                : e.getMessage();
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "stale-version",
                                        zh ? ProblemText.zh("title.stale-version", "") : "The dispute has changed",
                                        detail);
        problem.setProperty("errors", List.of(new FieldError("If-Match", "If-Match.stale", detail, List.of())));
        return problem;
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
