package cn.mediation.core.committee;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Record (or correct) what kind of committee this is, for one established before kinds were recorded. */
public record RecordCommitteeKindCommand(
        @TargetAggregateIdentifier String committeeId,
        CommitteeKind kind,
        String trade,
        LocalDate date,
        String actor) {
}
