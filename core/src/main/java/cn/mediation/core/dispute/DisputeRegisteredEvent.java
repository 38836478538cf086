package cn.mediation.core.dispute;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A dispute was registered where it arose. Revision 2 added {@code referredBy}: who referred a dispute whose source
 * is a referral; registrations of revision 1, and those of other sources, read with {@code null} (not recorded).
 */
@Revision("2")
public record DisputeRegisteredEvent(
        String disputeId,
        String caseNumber,
        String committeeId,
        String villageCode,
        String field,
        DisputeSource source,
        String summary,
        LocalDate date,
        LocalDate occurredOn,
        int peopleInvolved,
        BigDecimal amountInvolved,
        List<Party> parties,
        String actor,
        Referrer referredBy) {

    public DisputeRegisteredEvent(String disputeId, String caseNumber, String committeeId, String villageCode,
                                  String field, DisputeSource source, String summary, LocalDate date,
                                  LocalDate occurredOn, int peopleInvolved, BigDecimal amountInvolved,
                                  List<Party> parties, String actor) {
        this(disputeId, caseNumber, committeeId, villageCode, field, source, summary, date, occurredOn,
             peopleInvolved, amountInvolved, parties, actor, null);
    }
}
