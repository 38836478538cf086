package cn.mediation.core.dispute;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a dispute where it arose; the case number is allocated at the edge. */
public record RegisterDisputeCommand(
        @TargetAggregateIdentifier String disputeId,
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

    public RegisterDisputeCommand(String disputeId, String caseNumber, String committeeId, String villageCode,
                                  String field, DisputeSource source, String summary, LocalDate date,
                                  LocalDate occurredOn, int peopleInvolved, BigDecimal amountInvolved,
                                  List<Party> parties, String actor) {
        this(disputeId, caseNumber, committeeId, villageCode, field, source, summary, date, occurredOn,
             peopleInvolved, amountInvolved, parties, actor, null);
    }
}
