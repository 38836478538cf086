package cn.mediation.query.audit;

import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditReport;
import cn.mediation.core.audit.AuditVerifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * The auditors' check of the event log: seals the days that have finished since the last seal, then verifies every
 * hash chain and sealed day and names what was edited, deleted or reordered. For auditors and administrators only;
 * the access rule is the security configuration's. Reads the whole log: a request takes as long as that scan.
 */
@RestController
public class AuditController {

    private final AuditLedger ledger;
    private final AuditVerifier verifier;
    private final Clock clock;

    public AuditController(AuditLedger ledger, AuditVerifier verifier, Clock clock) {
        this.ledger = ledger;
        this.verifier = verifier;
        this.clock = clock;
    }

    @GetMapping(path = "/api/admin/audit/verify", produces = "application/json")
    public AuditReport verify() {
        ledger.sealFinishedDays(clock);
        return verifier.verify();
    }
}
