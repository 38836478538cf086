package cn.mediation.command.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on the mediators' POSTs ({@code /api/disputes…}, {@code /api/sweeps}): the first
 * successful answer to a user's key is kept; the same key with the same method, path and body gets that answer
 * again without running the command a second time; the same key with another request is refused with 409. Refusals
 * are not kept: a corrected retry runs. Runs after the login, so a key belongs to the user who sent it.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final IdempotencyKeys keys;

    public IdempotencyFilter(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !(path.equals("/api/disputes") || path.startsWith("/api/disputes/") || path.equals("/api/sweeps"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER).strip();
        if (request.getUserPrincipal() == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!KEY.matcher(key).matches()) {
            problem(response, 400, "invalid-request", "Idempotency-Key",
                    "must be 1 to 100 letters, digits or . _ : -");
            return;
        }
        String user = request.getUserPrincipal().getName();
        byte[] body = request.getInputStream().readAllBytes();
        String digest = digest(request.getMethod() + " " + request.getRequestURI() + "\n", body);
        Optional<IdempotencyKeys.Answer> kept = keys.find(user, key);
        if (kept.isPresent()) {
            if (!kept.get().request().equals(digest)) {
                problem(response, 409, "idempotency-key-reused", "Idempotency-Key",
                        "was already used for another request");
                return;
            }
            replay(kept.get(), response);
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(new ReadAgain(request, body), answer);
        int status = answer.getStatus();
        if (status >= 200 && status < 300) {
            keys.keep(user, key, new IdempotencyKeys.Answer(digest, status, answer.getContentAsByteArray(),
                                                            answer.getContentType(), answer.getHeader("ETag"),
                                                            answer.getHeader("Location")));
        }
        answer.copyBodyToResponse();
    }

    private static void replay(IdempotencyKeys.Answer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.etag() != null) {
            response.setHeader("ETag", answer.etag());
        }
        if (answer.location() != null) {
            response.setHeader("Location", answer.location());
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(answer.body());
    }

    private static void problem(HttpServletResponse response, int status, String type, String field, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        String json = "{\"type\":\"/problems/" + type + "\",\"title\":\"" + (status == 409
                ? "The idempotency key was used for another request" : "The request is not valid")
                + "\",\"status\":" + status + ",\"detail\":\"" + field + ": " + message
                + "\",\"errors\":[{\"field\":\"" + field + "\",\"code\":\"" + field + "." + type
                + "\",\"message\":\"" + message + "\"}]}";
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(String head, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(head.getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body already read, so the controller can read it again. */
    private static final class ReadAgain extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
