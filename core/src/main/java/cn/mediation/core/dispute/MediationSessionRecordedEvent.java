package cn.mediation.core.dispute;

import java.time.LocalDate;
import java.util.List;
import cn.mediation.core.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A mediation session took place. Attendees are people's names: personal data like the parties' (encrypted in the
 * store, withheld by {@link #toString()}).
 */
@Revision("1")
public record MediationSessionRecordedEvent(
        String disputeId,
        @PersonalData List<String> attendees,
        String notes,
        LocalDate date,
        String actor) implements StepTaken {

    @Override
    public String toString() {
        return "MediationSessionRecordedEvent[" + disputeId + ", " + (attendees == null ? 0 : attendees.size())
                + " attendee(s), names withheld, " + date + ", " + actor + "]";
    }
}
