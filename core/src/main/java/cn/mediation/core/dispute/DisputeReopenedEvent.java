package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A resolved dispute was reopened because its agreement was not fulfilled. */
@Revision("1")
public record DisputeReopenedEvent(
        String disputeId,
        String reason,
        LocalDate date,
        String actor) implements StepTaken {
}
