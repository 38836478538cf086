package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopen a resolved dispute whose agreement was not fulfilled. */
public record ReopenDisputeCommand(
        @TargetAggregateIdentifier String disputeId,
        String reason,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.REOPEN;
    }
}
