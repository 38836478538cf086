package cn.mediation.core.dispute;

import cn.mediation.core.region.RegionLevel;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The receiving centre accepted the dispute; mediation continues there. */
@Revision("1")
public record EscalationAcceptedEvent(
        String disputeId,
        RegionLevel level,
        String unit,
        LocalDate date,
        String actor) implements StepTaken {
}
