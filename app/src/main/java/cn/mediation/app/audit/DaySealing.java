package cn.mediation.app.audit;

import cn.mediation.core.audit.AuditLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Seals finished days on a schedule (hourly by default, {@code mediation.audit.seal-every}), so that a day's digest
 * exists soon after its margin has passed even if nobody verifies; a failure is logged and tried again next time.
 */
public class DaySealing {

    private static final Logger log = LoggerFactory.getLogger(DaySealing.class);

    private final AuditLedger ledger;
    private final Clock clock;

    public DaySealing(AuditLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${mediation.audit.seal-delay:PT1M}", fixedDelayString = "${mediation.audit.seal-every:PT1H}")
    public void sealFinishedDays() {
        try {
            List<LocalDate> sealed = ledger.sealFinishedDays(clock);
            if (!sealed.isEmpty()) {
                log.info("Sealed the audit digests of {} day(s), up to {}", sealed.size(), sealed.get(sealed.size() - 1));
            }
        } catch (RuntimeException e) {
            log.warn("Sealing finished days failed; trying again at the next run", e);
        }
    }
}
