package cn.mediation.app.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

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
 * between guesses at another gains nothing. The counts live in a {@link Counts}: in MongoDB in the server
 * ({@link MongoLoginCounts}, so that guesses spread over several instances add up and a lock holds on all of them),
 * or in memory. Names that do not exist count too; expired counts are trimmed.
 */
public class LoginThrottle implements AuthenticationProvider {

    private final AuthenticationProvider delegate;
    private final Counts counts;
    private final int maxFailures;
    private final int maxAddressFailures;
    private final Duration window;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Clock clock;

    /** Counts in this process's memory (a restart clears them). */
    public LoginThrottle(AuthenticationProvider delegate, int maxFailures, int maxAddressFailures, Duration window,
                         Duration firstDelay, Duration maxDelay, Clock clock) {
        this(delegate, new MemoryCounts(), maxFailures, maxAddressFailures, window, firstDelay, maxDelay, clock);
    }

    public LoginThrottle(AuthenticationProvider delegate, Counts counts, int maxFailures, int maxAddressFailures,
                         Duration window, Duration firstDelay, Duration maxDelay, Clock clock) {
        this.delegate = delegate;
        this.counts = counts;
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
    public record Failures(int count, Instant since, Instant last) {
    }

    /**
     * Where the counts live. Keys are a name ({@code n:}), an address ({@code a:}) or a name at an address
     * ({@code p:}); a count starts afresh when the one stored has {@code expired}.
     */
    public interface Counts {

        Failures failures(String key);

        void fail(String key, Instant now, Predicate<Failures> expired);

        void clear(String key);

        /** Whether the name logged in successfully from the address at or after {@code since}. */
        boolean known(String name, String address, Instant since);

        void succeeded(String name, String address, Instant now);

        /** Drops counts that have expired and successes older than {@code since}, when it is time to. */
        void trim(Instant now, Predicate<Failures> expired, Instant since);
    }

    /**
     * As {@link #check}; a failure to read or write the counts or the account (the database out of reach) is an
     * authentication service failure, which the entry point answers with {@code 503}, not an error escaping the
     * filter chain.
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return check(authentication);
        } catch (AuthenticationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InternalAuthenticationServiceException("The login could not be checked", e);
        }
    }

    private Authentication check(Authentication authentication) {
        String name = authentication.getName() == null ? "" : Usernames.normalize(authentication.getName());
        String address = address(authentication);
        String pair = "p:" + name + '\u0000' + address;
        Instant now = clock.instant();
        boolean known = counts.known(name, address, now.minus(window));
        Instant until = known ? waitUntil(pair, maxFailures, now)
                : later(waitUntil("n:" + name, maxFailures, now), waitUntil("a:" + address, maxAddressFailures, now));
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
            counts.clear("n:" + name);
            counts.clear(pair);
            counts.succeeded(name, address, now);
            return withoutSecrets(result);
        } catch (BadCredentialsException e) {
            counts.trim(now, failures -> expired(failures, now), now.minus(window));
            counts.fail(known ? pair : "n:" + name, now, failures -> expired(failures, now));
            counts.fail("a:" + address, now, failures -> expired(failures, now));
            throw e;
        }
    }

    /** The login as the session keeps it: the account without its hash, no credentials. */
    private static Authentication withoutSecrets(Authentication result) {
        if (!(result.getPrincipal() instanceof Account account)) {
            return result;
        }
        UsernamePasswordAuthenticationToken kept = UsernamePasswordAuthenticationToken.authenticated(
                account.withoutPasswordHash(), null, result.getAuthorities());
        kept.setDetails(result.getDetails());
        return kept;
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

    /** Until when a key must wait, or null. */
    private Instant waitUntil(String key, int allowed, Instant now) {
        Failures failures = counts.failures(key);
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

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    /** Counts in memory, bounded: trimmed of expired entries when they grow, cleared if that is not enough. */
    static final class MemoryCounts implements Counts {

        private static final int MAX_TRACKED = 100_000;

        private final Map<String, Failures> failures = new ConcurrentHashMap<>();
        /** name → the addresses it logged in from successfully, and when. */
        private final Map<String, Map<String, Instant>> known = new ConcurrentHashMap<>();

        @Override
        public Failures failures(String key) {
            return failures.get(key);
        }

        @Override
        public void fail(String key, Instant now, Predicate<Failures> expired) {
            failures.merge(key, new Failures(1, now, now), (old, one) -> expired.test(old) ? one
                    : new Failures(old.count() + 1, old.since(), now));
        }

        @Override
        public void clear(String key) {
            failures.remove(key);
        }

        @Override
        public boolean known(String name, String address, Instant since) {
            Instant at = known.getOrDefault(name, Map.of()).get(address);
            return at != null && !at.isBefore(since);
        }

        @Override
        public void succeeded(String name, String address, Instant now) {
            if (known.size() >= MAX_TRACKED) {
                known.clear();
            }
            known.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(address, now);
        }

        @Override
        public void trim(Instant now, Predicate<Failures> expired, Instant since) {
            if (failures.size() >= MAX_TRACKED) {
                failures.values().removeIf(expired);
                if (failures.size() >= MAX_TRACKED) {
                    failures.clear();
                }
            }
            if (known.size() >= MAX_TRACKED) {
                known.values().removeIf(addresses -> addresses.values().stream().allMatch(at -> at.isBefore(since)));
            }
        }
    }
}
