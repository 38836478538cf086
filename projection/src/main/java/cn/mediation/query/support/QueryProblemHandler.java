package cn.mediation.query.support;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Refusals of the read side as RFC 9457 problem details. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class QueryProblemHandler {

    @ExceptionHandler(NotFound.class)
    public ProblemDetail notFound(NotFound e,
                                  org.springframework.web.context.request.WebRequest request) {
        String language = request.getHeader("Accept-Language");
        String chinese = QueryProblemText.chinese(language) ? QueryProblemText.rule(e.getMessage()) : null;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                                                                 chinese != null ? chinese : e.getMessage());
        problem.setType(URI.create("/problems/not-found"));
        problem.setTitle(chinese != null ? "未找到" : "Not found");
        return problem;
    }

    @ExceptionHandler(ReplayGate.TooManyReplays.class)
    public org.springframework.http.ResponseEntity<ProblemDetail> tooManyReplays(ReplayGate.TooManyReplays e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setType(URI.create("/problems/too-many-replays"));
        problem.setTitle("Too many replays");
        return org.springframework.http.ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(BadQuery.class)
    public ProblemDetail badQuery(BadQuery e,
                                  org.springframework.web.context.request.WebRequest request) {
        String language = request.getHeader("Accept-Language");
        String rule = QueryProblemText.chinese(language) ? QueryProblemText.rule(e.reason()) : null;
        String message = rule == null ? e.getMessage() : QueryProblemText.parameter(e.parameter()) + "：" + rule;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setType(URI.create("/problems/invalid-request"));
        problem.setTitle(rule == null ? "The request is not valid" : "请求内容不符合要求");
        problem.setProperty("errors", List.of(Map.of("field", e.parameter(), "message", message)));
        return problem;
    }
}
