package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase the parties' personal data of a dispute, in whatever state it is; erasing again changes nothing. */
public record ErasePersonalDataCommand(
        @TargetAggregateIdentifier String disputeId,
        LocalDate date,
        String actor) implements DisputeStep {

    @Override
    public DisputeAction action() {
        return DisputeAction.ERASE_PERSONAL_DATA;
    }
}
