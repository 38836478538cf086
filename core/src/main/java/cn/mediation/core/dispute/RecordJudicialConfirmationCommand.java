package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a court's judicial confirmation of the agreement. */
public record RecordJudicialConfirmationCommand(
        @TargetAggregateIdentifier String disputeId,
        String court,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.RECORD_JUDICIAL_CONFIRMATION;
    }
}
