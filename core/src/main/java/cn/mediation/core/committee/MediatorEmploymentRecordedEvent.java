package cn.mediation.core.committee;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Whether a mediator serves full-time or part-time was recorded or corrected. */
@Revision("1")
public record MediatorEmploymentRecordedEvent(
        String committeeId,
        String mediatorId,
        boolean fullTime,
        String regionCode,
        LocalDate date,
        String actor) {
}
