package cn.mediation.core.committee;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Establish a mediation committee for an area, or an industry committee for a field. */
public record EstablishCommitteeCommand(
        @TargetAggregateIdentifier String committeeId,
        String name,
        String regionCode,
        String field,
        LocalDate date,
        String actor,
        CommitteeKind kind,
        String trade) {

    public EstablishCommitteeCommand(String committeeId, String name, String regionCode, String field,
                                     LocalDate date, String actor) {
        this(committeeId, name, regionCode, field, date, actor, null, null);
    }
}
