package cn.mediation.core.dispute;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record one mediation session. Attendees are people's names: {@link #toString()} withholds them. */
public record RecordMediationSessionCommand(
        @TargetAggregateIdentifier String disputeId,
        List<String> attendees,
        String notes,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public String toString() {
        return "RecordMediationSessionCommand[" + disputeId + ", " + (attendees == null ? 0 : attendees.size())
                + " attendee(s), names withheld, " + date + ", " + actor + "]";
    }

    @Override
    public DisputeAction action() {
        return DisputeAction.RECORD_SESSION;
    }
}
