package cn.mediation.app.web;

import cn.mediation.app.storage.DatabaseUnavailable;
import cn.mediation.core.access.OutOfJurisdiction;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
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
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fallback for everything the modules' own handlers do not answer: unreadable JSON (naming the field), wrong
 * parameter types, wrong content types and methods, the database out of reach ({@code 503}), and, last, any
 * unexpected error, as a problem without a stack trace. Every refusal names what it refuses in {@code errors}, and
 * never echoes a long value back: a field name taken from the request is cut to {@link #MAX_NAME} characters.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class GlobalProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalProblemHandler.class);
    static final int MAX_NAME = 100;
    /** Deeper than this, a parse error is about the body's shape, not about one field. */
    private static final int MAX_FIELD_DEPTH = 16;

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestSizeLimit.TooLarge tooLarge = causeOf(ex, RequestSizeLimit.TooLarge.class);
        if (tooLarge != null && request instanceof org.springframework.web.context.request.ServletWebRequest servlet) {
            return tooLarge(tooLarge, servlet.getRequest(), servlet.getResponse());
        }
        String field = "body";
        String message = "is not valid JSON for this request";
        Throwable cause = ex.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = path(mapping);
            if (cause instanceof BoundedLists.TooManyItems items) {
                message = items.rule();
            } else if (cause instanceof UnrecognizedPropertyException) {
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
        } else if (cause instanceof StreamConstraintsException limit) {
            // a number too long, a name too long, nesting too deep: a limit of the parser, named where it struck
            field = parsingPath(limit);
            message = "exceeds the parser's limits (too long, or nested too deeply)";
        } else if (cause instanceof StreamReadException read) {
            // NaN, +5, 05, tru, a string that never ends: the field whose value could not be read
            field = parsingPath(read);
            message = "is not well-formed JSON";
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

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** A body without a declared length read past its limit (see {@link RequestSizeLimit}): 413, as for a declared one. */
    @ExceptionHandler(RequestSizeLimit.TooLarge.class)
    public ResponseEntity<Object> tooLarge(RequestSizeLimit.TooLarge e, jakarta.servlet.http.HttpServletRequest request,
                                           jakarta.servlet.http.HttpServletResponse response) {
        RequestSizeLimit.drainAfterRefusal(request, response);
        String message = "is larger than " + e.limit() + " bytes";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "body " + message);
        problem.setType(URI.create("/problems/too-large"));
        problem.setTitle("The request is too large");
        problem.setProperty("errors", List.of(Map.of("field", "body", "message", message)));
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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
        return path.length() == 0 ? "body" : clip(path.toString());
    }

    /** Where the parser stood when it gave up: {@code amount}, {@code parties[1].name}, or {@code body}. */
    private static String parsingPath(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "body";
        }
        List<Object> segments = new java.util.ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (segments.size() >= MAX_FIELD_DEPTH) {
                return "body";
            }
            if (context.inObject() && context.getCurrentName() != null) {
                segments.add(0, context.getCurrentName());
            } else if (context.inArray()) {
                segments.add(0, Math.max(0, context.getCurrentIndex()));
            }
        }
        if (segments.isEmpty() || !(segments.get(0) instanceof String)) {
            return "body";
        }
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof String name) {
                path.append(path.length() == 0 ? "" : ".").append(name);
            } else {
                path.append('[').append(segment).append(']');
            }
        }
        return clip(path.toString());
    }

    /** A name taken from the request, cut short: a refusal never echoes a long value. */
    static String clip(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME) + "…";
    }

    /**
     * Spring's own refusals (415 wrong content type, 405 wrong method, 406 unacceptable, a missing header) come as
     * problems already; this adds the {@code errors} entry that names what was wrong.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("errors"))) {
            String field = null;
            String message = null;
            if (ex instanceof org.springframework.web.HttpMediaTypeNotSupportedException) {
                field = "Content-Type";
                message = "is not supported here; send application/json";
            } else if (ex instanceof org.springframework.web.HttpRequestMethodNotSupportedException) {
                field = "method";
                message = "is not allowed on this path";
            } else if (ex instanceof org.springframework.web.HttpMediaTypeNotAcceptableException) {
                field = "Accept";
                message = "names no type this path can answer with";
            } else if (ex instanceof org.springframework.web.bind.MissingRequestHeaderException missing) {
                field = missing.getHeaderName();
                message = "is required";
            }
            if (field != null) {
                // fixed wording: the request's own header values are not echoed
                problem.setDetail(field + " " + message);
                problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
            }
        }
        return response;
    }

    /**
     * A multipart content type on a JSON endpoint: the servlet container fails to parse the parts before any handler
     * is chosen. It is the content type that is wrong, so the answer is 415, as for any other one.
     */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        String message = "must be application/json";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                                                                 "Content-Type " + message);
        problem.setType(URI.create("/problems/unsupported-media-type"));
        problem.setTitle("Unsupported content type");
        problem.setProperty("errors", List.of(Map.of("field", "Content-Type", "message", message)));
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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
    public ResponseEntity<ProblemDetail> outOfJurisdiction(OutOfJurisdiction e,
                                                           org.springframework.web.context.request.WebRequest request) {
        String language = request.getHeader("Accept-Language");
        boolean zh = language != null && language.strip().toLowerCase(java.util.Locale.ROOT).startsWith("zh");
        String detail = !zh ? e.getMessage() : e.field() == null ? "您的角色不能办理此请求" : e.field() + " 不在您的辖区内";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setType(URI.create("/problems/forbidden"));
        problem.setTitle(zh ? "无权办理" : "Not allowed");
        if (e.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", e.field(), "code", e.field() + ".outOfJurisdiction",
                                                         "message", zh ? "不在您的辖区内" : "lies outside your jurisdiction")));
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
    public ResponseEntity<Object> unexpected(Exception e, jakarta.servlet.http.HttpServletRequest request,
                                             jakarta.servlet.http.HttpServletResponse response) {
        if (DatabaseUnavailable.causedBy(e)) {
            return unavailable(e);
        }
        RequestSizeLimit.TooLarge tooLarge = causeOf(e, RequestSizeLimit.TooLarge.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge, request, response);
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
