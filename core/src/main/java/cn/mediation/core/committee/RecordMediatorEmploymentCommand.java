package cn.mediation.core.committee;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Record (or correct) whether a mediator of the committee serves full-time (专职) or part-time (兼职). */
public record RecordMediatorEmploymentCommand(
        @TargetAggregateIdentifier String committeeId,
        String mediatorId,
        boolean fullTime,
        LocalDate date,
        String actor) {
}
