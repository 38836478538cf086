package cn.mediation.app.web;

import cn.mediation.app.storage.DatabaseUnavailable;
import cn.mediation.core.access.OutOfJurisdiction;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fallback for everything the modules' own handlers do not answer: unreadable JSON (naming the field), wrong
 * parameter types, wrong content types, the database out of reach ({@code 503}), and, last, any unexpected error, as
 * a problem without a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class GlobalProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String field = "body";
        String message = "is not valid JSON for this request";
        Throwable cause = ex.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = path(mapping);
            if (cause instanceof UnrecognizedPropertyException) {
                message = "is not a field of this request";
            } else if (cause instanceof InvalidFormatException format) {
                message = format.getTargetType() != null && format.getTargetType().isEnum()
                        ? "must be one of " + List.of(format.getTargetType().getEnumConstants())
                        : "has the wrong format for " + simpleType(format.getTargetType());
            } else if (cause instanceof MismatchedInputException mismatched) {
                message = "has the wrong type; expected " + simpleType(mismatched.getTargetType());
            } else {
                message = "cannot be read";
            }
        } else if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            message = "is not well-formed JSON";
        } else if (cause == null) {
            message = "is missing";
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
        problem.setType(URI.create("/problems/invalid-request"));
        problem.setTitle("The request is not valid");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == java.time.LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "an object";
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                                                                 ex.getParameterName() + " is required");
        problem.setType(URI.create("/problems/invalid-request"));
        problem.setTitle("The request is not valid");
        problem.setProperty("errors", List.of(Map.of("field", ex.getParameterName(), "message", "is required")));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                                                                 e.getName() + " has the wrong format");
        problem.setType(URI.create("/problems/invalid-request"));
        problem.setTitle("The request is not valid");
        problem.setProperty("errors", List.of(Map.of("field", e.getName(), "message", "has the wrong format")));
        return problem;
    }

    /** Outside the caller's role or area: 403, naming at most the request field, nothing about the record. */
    @ExceptionHandler(OutOfJurisdiction.class)
    public ResponseEntity<ProblemDetail> outOfJurisdiction(OutOfJurisdiction e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setType(URI.create("/problems/forbidden"));
        problem.setTitle("Not allowed");
        if (e.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", "lies outside your jurisdiction")));
        }
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    /**
     * The database is out of reach (down, restarting, unreachable): {@code 503} with {@code Retry-After}, so clients
     * send the request again later. Nothing was acknowledged, and there is nothing to debug in a stack trace.
     */
    private static ResponseEntity<Object> unavailable(Throwable e) {
        log.warn("The database is unavailable; answering 503 ({})", e.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                                                                 "The database cannot be reached; try again shortly");
        problem.setType(URI.create("/problems/unavailable"));
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.causedBy(e)) {
            return unavailable(e);
        }
        log.error("Unexpected error while handling a request: {}", e.getClass().getName(), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                                                                 "The server could not complete the request");
        problem.setType(URI.create("/problems/internal-error"));
        problem.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }
}
