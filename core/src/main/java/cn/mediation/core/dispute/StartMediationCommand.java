package cn.mediation.core.dispute;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Start mediation with mediators of a committee, on one channel. The committee's area and field come from its roster
 * (checked at the edge), so the dispute can check the committee may handle it.
 */
public record StartMediationCommand(
        @TargetAggregateIdentifier String disputeId,
        String committeeId,
        String committeeRegionCode,
        String committeeField,
        List<String> mediatorIds,
        MediationChannel channel,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.START_MEDIATION;
    }
}
