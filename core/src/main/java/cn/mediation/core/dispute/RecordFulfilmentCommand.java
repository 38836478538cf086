package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record whether the agreement was fulfilled. */
public record RecordFulfilmentCommand(
        @TargetAggregateIdentifier String disputeId,
        boolean fulfilled,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.RECORD_FULFILMENT;
    }
}
