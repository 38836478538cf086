package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Screen a registered dispute: grade, flags and decision. */
public record ScreenDisputeCommand(
        @TargetAggregateIdentifier String disputeId,
        RiskGrade grade,
        ScreeningDecision decision,
        String reason,
        boolean groupRisk,
        boolean criminalRisk,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.SCREEN;
    }
}
