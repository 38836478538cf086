package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an incident on a dispute (group incident, civil-to-criminal). */
public record RecordIncidentCommand(
        @TargetAggregateIdentifier String disputeId,
        IncidentKind kind,
        String notes,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.RECORD_INCIDENT;
    }
}
