package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An incident was recorded on a dispute. */
@Revision("1")
public record IncidentRecordedEvent(
        String disputeId,
        IncidentKind kind,
        String notes,
        LocalDate date,
        String actor) implements StepTaken {
}
