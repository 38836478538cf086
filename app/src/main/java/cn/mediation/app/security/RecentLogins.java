package cn.mediation.app.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a user name and password that BCrypt accepted, for a few minutes, so that an API client sending HTTP
 * Basic with every request pays for one BCrypt check per few minutes instead of one per request (at strength 10 that
 * check costs tens of milliseconds of CPU, more than the command it guards). Only a salted SHA-256 of the pair is
 * kept (the salt is random per process), never the password. A wrong password is never remembered.
 * <p>
 * Every login still reads the stored account (one read by key, far cheaper than BCrypt), and a remembered login counts
 * only while the account is as it was when BCrypt accepted the password: a new password, a disabled account or a
 * changed role, made on any instance, takes effect on every instance at the next request.
 */
public class RecentLogins implements AuthenticationProvider {

    private static final int MAX_ENTRIES = 10_000;

    private final AuthenticationProvider delegate;
    private final Function<String, Object> stored;
    private final Duration keep;
    private final Clock clock;
    private final byte[] salt = new byte[16];
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Authentication authentication, Object account, Instant until) {
    }

    /**
     * {@code stored} gives the account as stored now (any value whose {@code equals} tells a change: hash, role,
     * scope, enabled), or null when there is none.
     */
    public RecentLogins(AuthenticationProvider delegate, Function<String, Object> stored, Duration keep, Clock clock) {
        this.delegate = delegate;
        this.stored = stored;
        this.keep = keep;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (keep.isZero() || !(authentication.getCredentials() instanceof String password)) {
            return delegate.authenticate(authentication);
        }
        Object account = stored.apply(authentication.getName());
        if (account == null) {
            return delegate.authenticate(authentication);
        }
        String key = key(authentication.getName(), password);
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && entry.until().isAfter(now) && entry.account().equals(account)) {
            return entry.authentication();
        }
        entries.remove(key);
        Authentication result = delegate.authenticate(authentication);
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !e.until().isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(result, account, now.plus(keep)));
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private String key(String username, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(username.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
