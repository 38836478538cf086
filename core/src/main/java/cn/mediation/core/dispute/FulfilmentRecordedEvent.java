package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Whether the agreement was fulfilled. */
@Revision("1")
public record FulfilmentRecordedEvent(
        String disputeId,
        boolean fulfilled,
        LocalDate date,
        String actor) implements StepTaken {
}
