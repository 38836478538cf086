package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a concluded dispute. */
public record CloseDisputeCommand(
        @TargetAggregateIdentifier String disputeId,
        String reason,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.CLOSE;
    }
}
