package cn.mediation.app.storage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every caller returns only once its writes are in a commit, whoever ran that commit. */
class GroupCommitTest {

    @Test
    void everyWriteIsDurableWhenItsCallerReturns() throws Exception {
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        Set<Integer> durable = ConcurrentHashMap.newKeySet();
        AtomicInteger commits = new AtomicInteger();
        GroupCommit group = new GroupCommit(() -> {
            durable.addAll(written); // what a commit makes durable: every write made before it began
            commits.incrementAndGet();
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> late = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            late.add(pool.submit(() -> {
                int notCovered = 0;
                for (int i = 0; i < 2_000; i++) {
                    int write = next.incrementAndGet();
                    written.add(write);
                    group.commit();
                    if (!durable.contains(write)) {
                        notCovered++;
                    }
                }
                return notCovered;
            }));
        }
        for (Future<Integer> future : late) {
            assertThat(future.get()).isZero();
        }
        pool.shutdown();
        assertThat(durable).hasSize(16_000);
        assertThat(commits.get()).isBetween(1, 16_000);
    }

    @Test
    void aLoneWriterCommitsEveryTime() {
        AtomicInteger commits = new AtomicInteger();
        GroupCommit group = new GroupCommit(commits::incrementAndGet);
        for (int i = 0; i < 5; i++) {
            group.commit();
        }
        assertThat(commits).hasValue(5);
    }
}
