package cn.mediation.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses a request whose body is larger than any request of this API needs (the largest, a registration with 50
 * parties, is a few kilobytes) with 413, as a problem naming the {@code body}. A declared {@code Content-Length}
 * over the limit is refused before anyone reads; a body without one (chunked) is counted as it is read, and the
 * read that crosses the limit fails with {@link TooLarge}, which the problem handlers answer with the same 413 — so
 * a client cannot make the server parse megabytes of JSON, whatever the framing. Paths with limits of their own
 * (the event log's import) get them. The body is discarded unread up to {@link #DRAIN_LIMIT} bytes, so that the
 * client, still sending, gets the answer; beyond that the connection is closed.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private final long maxBytes;
    private final Map<String, Long> perPath;

    public RequestSizeLimit(long maxBytes, Map<String, Long> perPath) {
        this.maxBytes = maxBytes;
        this.perPath = Map.copyOf(perPath);
    }

    /** The read that crossed the limit: the body is larger than {@code limit} bytes. */
    public static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = perPath.getOrDefault(request.getRequestURI(), maxBytes);
        if (request.getContentLengthLong() <= limit) {
            chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Counted(request, limit), response);
            return;
        }
        if (!drain(request.getInputStream(), request.getContentLengthLong())) {
            response.setHeader("Connection", "close");
        }
        refuse(response, limit);
    }

    /** Writes the 413 problem. */
    static void refuse(HttpServletResponse response, long limit) throws IOException {
        String message = "is larger than " + limit + " bytes";
        String json = "{\"type\":\"/problems/too-large\",\"title\":\"The request is too large\",\"status\":413,"
                + "\"detail\":\"body " + message + "\",\"errors\":[{\"field\":\"body\",\"message\":\"" + message
                + "\"}]}";
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * After a {@link TooLarge}: discards what the client is still sending, up to {@link #DRAIN_LIMIT}, or asks for
     * the connection to be closed.
     */
    static void drainAfterRefusal(HttpServletRequest request, HttpServletResponse response) {
        Object counted = request.getAttribute(Counted.ATTRIBUTE);
        boolean drained = false;
        if (counted instanceof CountingStream stream) {
            try {
                drained = drain(stream.in, -1);
            } catch (IOException e) {
                drained = false;
            }
        }
        if (!drained) {
            response.setHeader("Connection", "close");
        }
    }

    /** Discards the body; false when it is longer than {@link #DRAIN_LIMIT} (or declared so). */
    private static boolean drain(ServletInputStream in, long declared) throws IOException {
        if (declared > DRAIN_LIMIT) {
            return false;
        }
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
            if (total > DRAIN_LIMIT) {
                return false;
            }
        }
        return true;
    }

    /** A request whose body stream counts what is read and fails past the limit. */
    private static final class Counted extends HttpServletRequestWrapper {
        static final String ATTRIBUTE = Counted.class.getName();
        private final long limit;
        private CountingStream stream;
        private BufferedReader reader;

        Counted(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
                setAttribute(ATTRIBUTE, stream);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private int counted(int read) throws TooLarge {
            if (read > 0) {
                count += read;
                if (count > limit) {
                    throw new TooLarge(limit);
                }
            }
            return read;
        }

        @Override
        public int read() throws IOException {
            int read = in.read();
            if (read >= 0) {
                counted(1);
            }
            return read;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(in.read(b, off, len));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
