package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A dispute was screened. */
@Revision("1")
public record DisputeScreenedEvent(
        String disputeId,
        RiskGrade grade,
        ScreeningDecision decision,
        String reason,
        boolean groupRisk,
        boolean criminalRisk,
        LocalDate date,
        String actor) implements StepTaken {
}
