package cn.mediation.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets concurrent writers share one fsync. A writer that has committed takes a ticket and returns once a sync has
 * run that began after its ticket was taken: its own, or one another writer began meanwhile, which covers every
 * commit made before it began. One writer pays one fsync per write; eight waiting writers pay about one together.
 */
final class GroupSync {

    private final Runnable sync;
    private final AtomicLong requested = new AtomicLong();
    private long covered;

    GroupSync(Runnable sync) {
        this.sync = sync;
    }

    void sync() {
        long ticket = requested.incrementAndGet();
        synchronized (this) {
            if (covered >= ticket) {
                return;
            }
            long upTo = requested.get();
            sync.run();
            covered = upTo;
        }
    }
}
