package cn.mediation.app.security;

import cn.mediation.app.storage.DatabaseUnavailable;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;
import java.net.URI;

/**
 * The security layer's refusals. API calls get RFC 9457 problem details: 401 (with a Basic challenge) without valid
 * credentials, 429 with {@code Retry-After} for a locked user name, 403 for a role that may not call the path or a
 * missing CSRF token, 503 with {@code Retry-After} when the user store cannot be read (the database is out of reach).
 * Page requests without a login are sent to the login page.
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;
    private final LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottle.LockedOut locked) {
            response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, "/problems/login-locked", "Too many failed logins",
                  "Too many failed logins for this user; try again in " + locked.retryAfterSeconds() + " s");
            return;
        }
        if (DatabaseUnavailable.causedBy(e)) {
            // the user store could not be read: not a wrong password, and no reason to log in again
            response.setHeader("Retry-After", Long.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            write(response, HttpStatus.SERVICE_UNAVAILABLE, "/problems/unavailable", "Temporarily unavailable",
                  "The database cannot be reached; try again shortly");
            return;
        }
        if (!isApi(request)) {
            try {
                loginPage.commence(request, response, e);
            } catch (jakarta.servlet.ServletException ex) {
                throw new IOException(ex);
            }
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"mediation\", charset=\"UTF-8\"");
        write(response, HttpStatus.UNAUTHORIZED, "/problems/unauthenticated", "Login required",
              "Log in: HTTP Basic with a user name and password, or the login page's session");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException && !loggedIn()) {
            // no credentials at all: say so, rather than complain about the token a login would bring
            commence(request, response, new org.springframework.security.authentication
                    .InsufficientAuthenticationException("not logged in"));
            return;
        }
        if (e instanceof CsrfException) {
            write(response, HttpStatus.FORBIDDEN, "/problems/csrf", "Missing or wrong CSRF token",
                  "Send the XSRF-TOKEN cookie's value as the X-XSRF-TOKEN header (or _csrf in a form)");
            return;
        }
        write(response, HttpStatus.FORBIDDEN, "/problems/forbidden", "Not allowed",
              "Your role does not allow this request");
    }

    /**
     * A request the firewall refuses (a path with {@code ..}, {@code ;}, an encoded slash or percent sign, a
     * non-printable character): 400, as a problem naming the path, never echoing it.
     */
    org.springframework.security.web.firewall.RequestRejectedHandler rejected() {
        return (request, response, e) -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                                                                     "path is not a valid request path");
            problem.setType(URI.create("/problems/invalid-request"));
            problem.setTitle("The request is not valid");
            problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", "path", "message",
                                                                             "is not a valid request path")));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            json.writeValue(response.getOutputStream(), problem);
        };
    }

    /** The login form's failures: back to the page with a reason, never which part was wrong. */
    AuthenticationFailureHandler loginFailure() {
        return (request, response, e) -> response.sendRedirect(
                e instanceof LoginThrottle.LockedOut ? "/login?locked"
                        : cn.mediation.app.storage.DatabaseUnavailable.causedBy(e) ? "/login?unavailable"
                        : "/login?error");
    }

    private static boolean loggedIn() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                                                                                            .getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/v3/") || path.startsWith("/actuator/");
    }

    private void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
