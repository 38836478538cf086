package cn.mediation.core.sweep;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a screening sweep (排查活动) in a village. */
public record RecordScreeningSweepCommand(
        @TargetAggregateIdentifier String sweepId,
        String villageCode,
        int found,
        String notes,
        LocalDate date,
        String actor) {
}
