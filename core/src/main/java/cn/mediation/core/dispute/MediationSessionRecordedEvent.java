package cn.mediation.core.dispute;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A mediation session took place. */
@Revision("1")
public record MediationSessionRecordedEvent(
        String disputeId,
        List<String> attendees,
        String notes,
        LocalDate date,
        String actor) {
}
