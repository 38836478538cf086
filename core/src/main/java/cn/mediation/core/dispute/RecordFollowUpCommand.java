package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a follow-up visit and the parties' satisfaction (1-5). */
public record RecordFollowUpCommand(
        @TargetAggregateIdentifier String disputeId,
        int satisfaction,
        String notes,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.RECORD_FOLLOW_UP;
    }
}
