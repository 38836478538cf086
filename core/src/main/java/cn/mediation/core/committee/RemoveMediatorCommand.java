package cn.mediation.core.committee;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a mediator from a committee. */
public record RemoveMediatorCommand(
        @TargetAggregateIdentifier String committeeId,
        String mediatorId,
        String reason,
        LocalDate date,
        String actor) {
}
