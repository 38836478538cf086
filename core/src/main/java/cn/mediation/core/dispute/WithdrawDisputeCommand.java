package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The applicant withdraws. */
public record WithdrawDisputeCommand(
        @TargetAggregateIdentifier String disputeId,
        String reason,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.WITHDRAW;
    }
}
