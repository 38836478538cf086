package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A follow-up visit with the parties' satisfaction. */
@Revision("1")
public record FollowUpRecordedEvent(
        String disputeId,
        int satisfaction,
        String notes,
        LocalDate date,
        String actor) implements StepTaken {
}
