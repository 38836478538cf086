package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Send a dispute up one level or out to another channel. */
public record EscalateDisputeCommand(
        @TargetAggregateIdentifier String disputeId,
        EscalationTarget to,
        String reason,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.ESCALATE;
    }
}
