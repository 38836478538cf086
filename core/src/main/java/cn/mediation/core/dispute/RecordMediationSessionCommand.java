package cn.mediation.core.dispute;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record one mediation session. */
public record RecordMediationSessionCommand(
        @TargetAggregateIdentifier String disputeId,
        List<String> attendees,
        String notes,
        LocalDate date,
        String actor) {
}
