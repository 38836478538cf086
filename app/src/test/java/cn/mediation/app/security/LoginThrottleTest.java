package cn.mediation.app.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The waits of the throttle over time: they grow, they stop growing at the ceiling, they end. */
class LoginThrottleTest {

    private static final Duration FIRST = Duration.ofSeconds(30);
    private static final Duration CEILING = Duration.ofMinutes(15);

    private final MovingClock clock = new MovingClock();
    private final LoginThrottle throttle;

    LoginThrottleTest() {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                User.withUsername("admin").password("{noop}right-password").roles("ADMIN").build()));
        throttle = new LoginThrottle(passwords, 5, 50, Duration.ofMinutes(15), FIRST, CEILING, clock);
    }

    @Test
    void theWaitDoublesUpToACeilingAndThenTheRightPasswordWorks() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login("admin", "guess", "10.0.0.9")).isInstanceOf(BadCredentialsException.class);
        }
        long previous = 0;
        for (int round = 0; round < 12; round++) {
            long wait = lockedFor("admin", "guess", "10.0.0.9");
            assertThat(wait).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(CEILING.toSeconds());
            previous = wait;
            clock.advance(Duration.ofSeconds(wait));
            assertThatThrownBy(() -> login("admin", "guess", "10.0.0.9"))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThat(previous).isEqualTo(CEILING.toSeconds());
        clock.advance(CEILING);
        assertThat(login("ADMIN", "right-password", "10.0.0.1").getName()).isEqualTo("admin");
    }

    @Test
    void guessesFromElsewhereDoNotHoldTheAdministratorAtTheirDesk() {
        login("admin", "right-password", "10.0.0.1");
        for (int i = 0; i < 20; i++) {
            try {
                login("admin", "guess", "10.0.0.9");
            } catch (BadCredentialsException | LoginThrottle.LockedOut e) {
                // counted, or already waiting
            }
        }
        assertThat(lockedFor("admin", "right-password", "10.0.0.2")).as("an address new to the name").isPositive();
        assertThat(login("admin", "right-password", "10.0.0.1").isAuthenticated()).isTrue();
    }

    private long lockedFor(String name, String password, String address) {
        try {
            login(name, password, address);
        } catch (LoginThrottle.LockedOut e) {
            return e.retryAfterSeconds();
        }
        throw new AssertionError("not locked");
    }

    private Authentication login(String name, String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        token.setDetails(new WebAuthenticationDetails(address, null));
        return throttle.authenticate(token);
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
