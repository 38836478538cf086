package cn.mediation.core.committee;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A mediator was removed. */
@Revision("1")
public record MediatorRemovedEvent(
        String committeeId,
        String mediatorId,
        String reason,
        String regionCode,
        LocalDate date,
        String actor) {
}
