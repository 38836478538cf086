package cn.mediation.app.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code maxFailures} wrong passwords for one user name within the window, that
 * name is locked for the window, whatever password comes next (the right one too), on the form login and on HTTP
 * Basic alike. A success clears the count. Counts live in memory (a restart clears them) and are bounded: names that
 * do not exist count too, so a flood of invented names cannot tell which ones exist, and the table is trimmed of
 * expired entries when it grows.
 */
public class LoginThrottle implements AuthenticationProvider {

    private static final int MAX_TRACKED = 100_000;

    private final AuthenticationProvider delegate;
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(AuthenticationProvider delegate, int maxFailures, Duration window, Clock clock) {
        this.delegate = delegate;
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** A locked user name: HTTP 429 with Retry-After on the API, a message on the login page. */
    public static class LockedOut extends AuthenticationException {

        private final long retryAfterSeconds;

        LockedOut(long retryAfterSeconds) {
            super("Too many failed logins for this user; try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private record Failures(int count, Instant since) {
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = authentication.getName() == null ? "" : authentication.getName().toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        Failures current = failures.get(key);
        if (current != null && current.since().plus(window).isBefore(now)) {
            failures.remove(key, current);
            current = null;
        }
        if (current != null && current.count() >= maxFailures) {
            long seconds = Math.max(1, Duration.between(now, current.since().plus(window)).toSeconds());
            throw new LockedOut(seconds);
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            failures.remove(key);
            return result;
        } catch (BadCredentialsException e) {
            if (failures.size() >= MAX_TRACKED) {
                failures.values().removeIf(f -> f.since().plus(window).isBefore(now));
            }
            failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, old.since()));
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }
}
