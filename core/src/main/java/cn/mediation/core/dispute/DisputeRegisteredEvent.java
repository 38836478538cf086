package cn.mediation.core.dispute;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A dispute was registered where it arose. */
@Revision("1")
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
        String actor) {
}
