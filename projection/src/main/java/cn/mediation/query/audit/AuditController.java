package cn.mediation.query.audit;

import cn.mediation.core.access.Caller;
import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.AuditReport;
import cn.mediation.core.audit.AuditVerifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.mediation.core.region.RegionLevel;
import cn.mediation.query.dispute.DisputeViews;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The auditors' check of the event log: seals the days that have finished since the last seal, then verifies every
 * hash chain and sealed day and names what was edited, deleted or reordered. For auditors and administrators only
 * (the security configuration's rule); a caller scoped below the city gets its own area's report: the events,
 * aggregates and findings of its area's records (no sealed days, which cover the whole city). Reads the whole log: a
 * request takes as long as that scan.
 */
@RestController
public class AuditController {

    private static final int WINDOW = 500;

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
        if (caller.scope().level() == RegionLevel.CITY) {
            return verifier.verify();
        }
        // an auditor of a smaller area: its own area's events, aggregates and findings, not the city's
        return verifier.verify(aggregates -> inScope(aggregates, caller));
    }

    /**
     * The aggregates of the caller's area: a dispute by its view's village, a committee by its region (in its id);
     * sweeps and day digests belong to the city. Views are read in {@code _id $in} windows.
     */
    private Set<String> inScope(Set<String> aggregates, Caller caller) {
        Set<String> kept = new HashSet<>();
        List<String> disputes = new ArrayList<>();
        for (String aggregate : aggregates) {
            if (aggregate.startsWith("C")) {
                if (caller.reaches(aggregate.substring(1, Math.min(13, aggregate.length())))) {
                    kept.add(aggregate);
                }
            } else {
                disputes.add(aggregate);
            }
        }
        for (int from = 0; from < disputes.size(); from += WINDOW) {
            for (Map<String, Object> view : views.findAll(disputes.subList(from, Math.min(disputes.size(), from + WINDOW)))) {
                if (caller.reaches(String.valueOf(view.get("villageCode")))) {
                    kept.add(String.valueOf(view.get("id")));
                }
            }
        }
        return kept;
    }
}
