package cn.mediation.query.support;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay's progress is seen by its user while it runs, by no one else, and is gone when it ends. */
class ReplayGateTest {

    private final ReplayGate gate = new ReplayGate(() -> 42, 10, Duration.ofMinutes(1), Clock.systemUTC());

    @Test
    void aRunningReplaysProgressIsItsUsersWhileItRuns() throws Exception {
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> gate.answer("auditor", "verify", () -> {
            ReplayGate.advance(250, 1_000);
            ReplayGate.advance(500, 1_000);
            halfway.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "done";
        }));
        assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();

        Map<String, Object> progress = gate.progress("auditor").orElseThrow().describe();
        assertThat(progress).containsEntry("running", true).containsEntry("replay", "verify")
                            .containsEntry("read", 500L).containsEntry("last", 1_000L).containsEntry("fraction", 0.5);
        assertThat(gate.progress("someone-else")).isEmpty();

        release.countDown();
        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(gate.progress("auditor")).as("gone once the answer is given").isEmpty();
    }

    @Test
    void progressNotedOutsideAReplayGoesNowhere() {
        ReplayGate.advance(10, 20);
        assertThat(gate.progress("auditor")).isEmpty();
        assertThat(gate.answer("auditor", "verify", () -> gate.progress("auditor").orElseThrow().describe()))
                .as("a new replay starts from nothing read").containsEntry("read", 0L).containsEntry("fraction", null);
    }
}
