package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A court confirmed the agreement. */
@Revision("1")
public record JudicialConfirmationRecordedEvent(
        String disputeId,
        String court,
        LocalDate date,
        String actor) implements StepTaken {
}
