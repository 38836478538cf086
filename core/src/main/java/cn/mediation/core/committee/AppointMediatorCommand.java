package cn.mediation.core.committee;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Appoint a mediator to a committee. */
public record AppointMediatorCommand(
        @TargetAggregateIdentifier String committeeId,
        String mediatorId,
        String name,
        LocalDate date,
        String actor,
        Boolean fullTime) {

    public AppointMediatorCommand(String committeeId, String mediatorId, String name, LocalDate date,
                                  String actor) {
        this(committeeId, mediatorId, name, date, actor, null);
    }
}
