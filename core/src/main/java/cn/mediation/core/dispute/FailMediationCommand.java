package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that mediation failed. */
public record FailMediationCommand(
        @TargetAggregateIdentifier String disputeId,
        String reason,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.FAIL;
    }
}
