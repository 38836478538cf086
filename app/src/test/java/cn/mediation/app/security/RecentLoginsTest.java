package cn.mediation.app.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A password BCrypt accepted is checked again only after a while; a wrong one is always checked and refused. */
class RecentLoginsTest {

    private final AtomicInteger checks = new AtomicInteger();
    private Instant now = Instant.parse("2026-11-26T08:00:00Z");
    /** The accounts as stored: a name's value changes when its password, role or state does. */
    private final java.util.Map<String, Object> stored = new java.util.HashMap<>(java.util.Map.of("wang", "hash-1",
                                                                                               "li", "hash-1"));

    /** The password check being spared: accepts "right", counts every call. */
    private final AuthenticationProvider passwords = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
            checks.incrementAndGet();
            if (!"right".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("wrong");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null, List.of());
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    private RecentLogins logins(Duration keep) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new RecentLogins(passwords, name -> stored.get(name), keep, clock);
    }

    private static Authentication attempt(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    @Test
    void anAcceptedPasswordIsRememberedUntilItExpires() {
        RecentLogins logins = logins(Duration.ofMinutes(5));
        assertThat(logins.authenticate(attempt("wang", "right")).isAuthenticated()).isTrue();
        assertThat(logins.authenticate(attempt("wang", "right")).isAuthenticated()).isTrue();
        assertThat(checks).hasValue(1);
        now = now.plus(Duration.ofMinutes(6));
        logins.authenticate(attempt("wang", "right"));
        assertThat(checks).hasValue(2);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverRemembered() {
        RecentLogins logins = logins(Duration.ofMinutes(5));
        logins.authenticate(attempt("wang", "right"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> logins.authenticate(attempt("wang", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(checks).hasValue(4);
        assertThatThrownBy(() -> logins.authenticate(attempt("wang", "right ")))
                .as("a near miss of a remembered password is checked, not taken for it")
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void anotherUsersNameWithTheSamePasswordIsCheckedAfresh() {
        RecentLogins logins = logins(Duration.ofMinutes(5));
        logins.authenticate(attempt("wang", "right"));
        logins.authenticate(attempt("li", "right"));
        assertThat(checks).hasValue(2);
    }

    @Test
    void aChangedAccountIsCheckedAfreshAndAMissingOneIsNeverRemembered() {
        RecentLogins logins = logins(Duration.ofMinutes(5));
        logins.authenticate(attempt("wang", "right"));
        stored.put("wang", "hash-2");
        logins.authenticate(attempt("wang", "right"));
        assertThat(checks).as("a new password, a disabled account: the stored account changed").hasValue(2);
        logins.authenticate(attempt("wang", "right"));
        assertThat(checks).hasValue(2);
        stored.remove("wang");
        logins.authenticate(attempt("wang", "right"));
        logins.authenticate(attempt("wang", "right"));
        assertThat(checks).hasValue(4);
    }

    @Test
    void aZeroPeriodRemembersNothing() {
        RecentLogins logins = logins(Duration.ZERO);
        logins.authenticate(attempt("wang", "right"));
        logins.authenticate(attempt("wang", "right"));
        assertThat(checks).hasValue(2);
    }
}
