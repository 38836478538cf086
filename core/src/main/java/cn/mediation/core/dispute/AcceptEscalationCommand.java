package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The receiving centre accepts an escalated dispute. */
public record AcceptEscalationCommand(
        @TargetAggregateIdentifier String disputeId,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.ACCEPT_ESCALATION;
    }
}
