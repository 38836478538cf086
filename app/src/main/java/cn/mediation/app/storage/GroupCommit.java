package cn.mediation.app.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets concurrent writers share one durable commit. Each caller has finished its writes when it asks; it takes a
 * ticket, and returns once a commit has run that began after its ticket was taken — either its own or one that
 * another caller began meanwhile, which covers every write made before it began. With one writer this is one commit
 * per call, as before; with eight, the H2 commit (the longest step of an append) is paid about once per batch of
 * waiting writers instead of once each.
 */
final class GroupCommit {

    private final Runnable commit;
    private final AtomicLong requested = new AtomicLong();
    private long covered;

    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    void commit() {
        long ticket = requested.incrementAndGet();
        synchronized (this) {
            if (covered >= ticket) {
                return;
            }
            // every ticket up to here was taken after its writes: this commit covers them all
            long upTo = requested.get();
            commit.run();
            covered = upTo;
        }
    }
}
