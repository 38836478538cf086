package cn.mediation.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request whose declared body is larger than any request of this API needs (the largest, a registration
 * with 50 parties, is a few kilobytes) with 413, as a problem naming the {@code body}, before anyone parses it —
 * so a client cannot make the server parse megabytes of JSON only to refuse them field by field. The body is
 * discarded unread up to {@link #DRAIN_LIMIT} bytes, so that the client, still sending, gets the answer; beyond
 * that the connection is closed.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final long maxBytes;

    public RequestSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() <= maxBytes) {
            chain.doFilter(request, response);
            return;
        }
        String message = "is larger than " + maxBytes + " bytes";
        String json = "{\"type\":\"/problems/too-large\",\"title\":\"The request is too large\",\"status\":413,"
                + "\"detail\":\"body " + message + "\",\"errors\":[{\"field\":\"body\",\"message\":\"" + message
                + "\"}]}";
        if (!drain(request)) {
            response.setHeader("Connection", "close");
        }
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Discards the body; false when it is longer than {@link #DRAIN_LIMIT} (or declared so). */
    private static boolean drain(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > DRAIN_LIMIT) {
            return false;
        }
        byte[] buffer = new byte[64 * 1024];
        var in = request.getInputStream();
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
            if (total > DRAIN_LIMIT) {
                return false;
            }
        }
        return true;
    }
}
