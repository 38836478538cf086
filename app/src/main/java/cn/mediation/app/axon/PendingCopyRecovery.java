package cn.mediation.app.axon;

import cn.mediation.core.eventstore.MongoEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Duration;

/**
 * Copies into the global log, every minute, events that were committed to their dispute's stream but whose copy an
 * error interrupted (the database went away between the two writes, say). Start-up recovers these too, and so does
 * the next append or load of that dispute; this run covers a dispute nobody touches again, so that its step shows
 * in case lists and statistics without a restart. Markers younger than {@code olderThan} belong to appends still in
 * progress and are left alone; a copy is idempotent, so a race with the appender itself stores nothing twice.
 */
public class PendingCopyRecovery {

    private static final Logger log = LoggerFactory.getLogger(PendingCopyRecovery.class);

    private final MongoEventStorageEngine engine;
    private final Duration olderThan;

    public PendingCopyRecovery(MongoEventStorageEngine engine, Duration olderThan) {
        this.engine = engine;
        this.olderThan = olderThan;
    }

    @Scheduled(initialDelayString = "${mediation.eventstore.recovery-every:PT1M}",
               fixedDelayString = "${mediation.eventstore.recovery-every:PT1M}")
    public void run() {
        try {
            int recovered = engine.recoverPendingCopies(olderThan);
            if (recovered > 0) {
                log.warn("Copied {} interrupted append(s) into the global log", recovered);
            }
        } catch (RuntimeException e) {
            log.warn("Recovering interrupted appends failed ({}); trying again at the next run", e.getClass().getName());
        }
    }
}
