package cn.mediation.query.audit;

import cn.mediation.core.access.Caller;
import cn.mediation.core.audit.AuditFinding;
import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditReport;
import cn.mediation.core.audit.AuditVerifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.mediation.core.region.RegionLevel;
import cn.mediation.query.dispute.DisputeViews;

import java.time.Clock;
import java.util.List;

/**
 * The auditors' check of the event log: seals the days that have finished since the last seal, then verifies every
 * hash chain and sealed day and names what was edited, deleted or reordered. For auditors and administrators only
 * (the security configuration's rule); a caller scoped below the city sees the findings about its own area. Reads the whole log: a request takes as long as that scan.
 */
@RestController
public class AuditController {

    private final AuditLedger ledger;
    private final AuditVerifier verifier;
    private final Clock clock;
    private final DisputeViews views;

    public AuditController(AuditLedger ledger, AuditVerifier verifier, Clock clock, DisputeViews views) {
        this.ledger = ledger;
        this.verifier = verifier;
        this.clock = clock;
        this.views = views;
    }

    @GetMapping(path = "/api/admin/audit/verify", produces = "application/json")
    public AuditReport verify(Caller caller) {
        ledger.sealFinishedDays(clock);
        AuditReport report = verifier.verify();
        if (caller.scope().level() == RegionLevel.CITY) {
            return report;
        }
        // an auditor of a smaller area sees the findings about its own area's records only
        List<AuditFinding> visible = report.findings().stream().filter(f -> inScope(f, caller)).toList();
        return new AuditReport(report.verifiedAt(), report.events(), report.aggregates(), report.days(),
                               visible.isEmpty(), visible, 0);
    }

    /** A finding's area: a dispute's village, a committee's region; day digests and sweeps belong to the city. */
    private boolean inScope(AuditFinding finding, Caller caller) {
        String aggregate = finding.aggregateIdentifier();
        if (aggregate == null) {
            return false;
        }
        if (aggregate.startsWith("C") && caller.reaches(aggregate.substring(1, Math.min(13, aggregate.length())))) {
            return true;
        }
        return views.find(aggregate).map(view -> caller.reaches(String.valueOf(view.get("villageCode"))))
                    .orElse(false);
    }
}
