package cn.mediation.core.committee;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A mediator was appointed. */
@Revision("1")
public record MediatorAppointedEvent(
        String committeeId,
        String mediatorId,
        String name,
        String regionCode,
        LocalDate date,
        String actor) {
}
