package cn.mediation.core.dispute;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The parties' personal data of this dispute was erased (PIPL): its key is deleted, so every encrypted name, ID
 * number, phone and attendee of the dispute reads as null from now on. Figures do not change: the case stays.
 */
@Revision("1")
public record PersonalDataErasedEvent(
        String disputeId,
        LocalDate date,
        String actor) {
}
