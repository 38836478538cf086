package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The applicant withdrew the dispute. */
@Revision("1")
public record DisputeWithdrawnEvent(
        String disputeId,
        String reason,
        LocalDate date,
        String actor) implements StepTaken {
}
