package cn.mediation.app.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, on the form login and on HTTP Basic alike, by two counts of wrong passwords within
 * the window: per user name (in any case, see {@link Usernames}) and per client address (whatever names it tries).
 * Past {@code maxFailures} for a name, or {@code maxAddressFailures} for an address, every attempt (the right
 * password too) waits: {@code firstDelay} after the last failure, twice as long after each further one, never more
 * than {@code maxDelay}. The ceiling means no one can lock a name out for longer than that after their last guess.
 * An address a name has logged in from successfully within the window is held back by neither count, only by one of
 * its own (name at that address, {@code maxFailures}): guesses from elsewhere cannot keep the administrator out of
 * the desk they work at, and guesses at that desk are slowed all the same.
 *
 * <p>A success clears its own name's count only: the address's stays, so logging in to an account of one's own
 * between guesses at another gains nothing. Counts live in memory (a restart clears them) and are bounded: names
 * that do not exist count too, and the tables are trimmed of expired entries when they grow.
 */
public class LoginThrottle implements AuthenticationProvider {

    private static final int MAX_TRACKED = 100_000;

    private final AuthenticationProvider delegate;
    private final int maxFailures;
    private final int maxAddressFailures;
    private final Duration window;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Clock clock;
    private final Map<String, Failures> byName = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    /** Failures of a name at an address it is known at, which only that pair's count holds back. */
    private final Map<String, Failures> byPair = new ConcurrentHashMap<>();
    /** name → the addresses it logged in from successfully within the window. */
    private final Map<String, Map<String, Instant>> knownAddresses = new ConcurrentHashMap<>();

    public LoginThrottle(AuthenticationProvider delegate, int maxFailures, int maxAddressFailures, Duration window,
                         Duration firstDelay, Duration maxDelay, Clock clock) {
        this.delegate = delegate;
        this.maxFailures = maxFailures;
        this.maxAddressFailures = maxAddressFailures;
        this.window = window;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** A name or address that must wait: HTTP 429 with Retry-After on the API, a message on the login page. */
    public static class LockedOut extends AuthenticationException {

        private final long retryAfterSeconds;

        LockedOut(long retryAfterSeconds) {
            super("Too many failed logins; try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** How many wrong passwords since {@code since}, the last at {@code last}. */
    private record Failures(int count, Instant since, Instant last) {
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName() == null ? "" : Usernames.normalize(authentication.getName());
        String address = address(authentication);
        String pair = name + '\u0000' + address;
        Instant now = clock.instant();
        boolean known = knownAddresses.getOrDefault(name, Map.of()).containsKey(address);
        Instant until = known ? waitUntil(byPair, pair, maxFailures, now)
                : later(waitUntil(byName, name, maxFailures, now),
                        waitUntil(byAddress, address, maxAddressFailures, now));
        if (until != null) {
            throw new LockedOut(Math.max(1, Duration.between(now, until).toSeconds()));
        }
        try {
            if (!nameable(name)) {
                // no account has such a name; refused here, so that no provider logs it (a line break in a name
                // would otherwise reach a log message as sent)
                throw new BadCredentialsException("Bad credentials");
            }
            Authentication result = delegate.authenticate(normalized(authentication, name));
            byName.remove(name);
            byPair.remove(pair);
            trim(knownAddresses, now);
            knownAddresses.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(address, now);
            return result;
        } catch (BadCredentialsException e) {
            trim(byName, now);
            trim(byAddress, now);
            trim(byPair, now);
            count(known ? byPair : byName, known ? pair : name, now);
            count(byAddress, address, now);
            throw e;
        }
    }

    /** Whether a name could be an account's: no control character or line separator, at most 64 characters. */
    static boolean nameable(String name) {
        return name.length() <= 64 && name.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    }

        private static Authentication normalized(Authentication authentication, String name) {
        if (!(authentication instanceof UsernamePasswordAuthenticationToken token) || name.equals(token.getName())) {
            return authentication;
        }
        UsernamePasswordAuthenticationToken copy =
                UsernamePasswordAuthenticationToken.unauthenticated(name, token.getCredentials());
        copy.setDetails(token.getDetails());
        return copy;
    }

    private static String address(Authentication authentication) {
        return authentication instanceof AbstractAuthenticationToken token
                && token.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "";
    }

    private void count(Map<String, Failures> counts, String key, Instant now) {
        counts.merge(key, new Failures(1, now, now),
                     (old, one) -> expired(old, now) ? one : new Failures(old.count() + 1, old.since(), now));
    }

    /** Until when a key must wait, or null. */
    private Instant waitUntil(Map<String, Failures> counts, String key, int allowed, Instant now) {
        Failures failures = counts.get(key);
        if (failures == null || expired(failures, now) || failures.count() < allowed) {
            return null;
        }
        Instant until = failures.last().plus(delay(failures.count() - allowed));
        return until.isAfter(now) ? until : null;
    }

    /** The wait after the {@code beyond}-th failure past the allowance (0 for the one that reached it). */
    Duration delay(int beyond) {
        Duration delay = firstDelay;
        for (int i = 0; i < beyond && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** A count lapses when its window has passed since its first failure and its wait since its last one. */
    private boolean expired(Failures failures, Instant now) {
        return failures.since().plus(window).isBefore(now) && failures.last().plus(maxDelay).isBefore(now);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private <V> void trim(Map<String, V> table, Instant now) {
        if (table.size() < MAX_TRACKED) {
            return;
        }
        table.values().removeIf(value -> value instanceof Failures failures ? expired(failures, now)
                : value instanceof Map<?, ?> addresses && addresses.values().stream()
                        .allMatch(at -> ((Instant) at).plus(window).isBefore(now)));
        if (table.size() >= MAX_TRACKED) {
            table.clear();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

}
