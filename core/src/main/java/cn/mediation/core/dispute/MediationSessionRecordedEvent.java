package cn.mediation.core.dispute;

import java.time.LocalDate;
import java.util.List;
import cn.mediation.core.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A mediation session took place. Attendees are people's names: personal data, like the parties'. */
@Revision("1")
public record MediationSessionRecordedEvent(
        String disputeId,
        @PersonalData List<String> attendees,
        String notes,
        LocalDate date,
        String actor) {
}
