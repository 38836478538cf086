package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The case was closed. */
@Revision("1")
public record DisputeClosedEvent(
        String disputeId,
        String reason,
        LocalDate date,
        String actor) implements StepTaken {
}
