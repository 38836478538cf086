package cn.mediation.query.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Whole-log replays ({@code verify}, statistics {@code asOf}) read every event: an answer is kept for the log
 * position it was computed at, so asking again before the log moves costs nothing, and each user may start at most
 * one replay at a time and {@code perWindow} of them within {@code window}; more is refused with
 * {@link TooManyReplays} (429 with Retry-After).
 */
public class ReplayGate {

    private static final int CACHED = 64;

    private final LongSupplier position;
    private final int perWindow;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Object> answers = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
            return size() > CACHED;
        }
    };
    private final Map<String, Deque<Instant>> started = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** The replays running now on this instance, by user: how far each has read. */
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private static final ThreadLocal<Progress> CURRENT = new ThreadLocal<>();

    /** How far a replay has read the log: the position of its last event read, and the log's last position. */
    public static final class Progress {
        private final String key;
        private volatile long read;
        private volatile long last = -1;

        Progress(String key) {
            this.key = key;
        }

        /** {@code running}, the replay's {@code replay} key, {@code read}, {@code last} and, once the last position is known, the share read. */
        public Map<String, Object> describe() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("running", true);
            body.put("replay", key.split("\\|", 2)[0]);   // its kind (verify, statistics, report), not the query
            body.put("read", read);
            body.put("last", last < 0 ? null : last);
            body.put("fraction", last <= 0 ? null : Math.min(1.0, Math.round(read * 1000.0 / last) / 1000.0));
            return body;
        }
    }

    /**
     * Notes how far the replay running on this thread has read (called by the replay as it reads the log); nothing
     * happens on a thread that runs no replay through the gate.
     */
    public static void advance(long read, long last) {
        Progress current = CURRENT.get();
        if (current != null) {
            current.read = read;
            current.last = last;
        }
    }

    /** The user's replay running on this instance, if there is one. */
    public java.util.Optional<Progress> progress(String user) {
        return java.util.Optional.ofNullable(progress.get(user));
    }

    public ReplayGate(LongSupplier position, int perWindow, Duration window, Clock clock) {
        this.position = position;
        this.perWindow = perWindow;
        this.window = window;
        this.clock = clock;
    }

    /** A user asked for more replays than allowed; try again after {@code retryAfterSeconds}. */
    public static final class TooManyReplays extends RuntimeException {
        private final long retryAfterSeconds;

        TooManyReplays(long retryAfterSeconds) {
            super("Too many replays of the whole log; try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The answer for {@code key} at the log's current position: kept, or replayed now if the user may. */
    @SuppressWarnings("unchecked")
    public <T> T answer(String user, String key, Supplier<T> replay) {
        String at = key + "@" + position.getAsLong();
        synchronized (answers) {
            if (answers.containsKey(at)) {
                return (T) answers.get(at);
            }
        }
        Instant now = clock.instant();
        if (!running.add(user)) {
            throw new TooManyReplays(1);
        }
        try {
            Deque<Instant> times = started.computeIfAbsent(user, u -> new ArrayDeque<>());
            synchronized (times) {
                while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
                    times.removeFirst();
                }
                if (times.size() >= perWindow) {
                    throw new TooManyReplays(Math.max(1, Duration.between(now, times.peekFirst().plus(window))
                                                                .toSeconds()));
                }
                times.addLast(now);
            }
            Progress mine = new Progress(key);
            progress.put(user, mine);
            CURRENT.set(mine);
            T answer = replay.get();
            synchronized (answers) {
                answers.put(at, answer);
            }
            return answer;
        } finally {
            CURRENT.remove();
            progress.remove(user);
            running.remove(user);
        }
    }
}
