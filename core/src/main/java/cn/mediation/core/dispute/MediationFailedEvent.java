package cn.mediation.core.dispute;

import cn.mediation.core.region.RegionLevel;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Mediation failed; level and unit are where it was concluded. */
@Revision("1")
public record MediationFailedEvent(
        String disputeId,
        String reason,
        RegionLevel level,
        String unit,
        LocalDate date,
        String actor) implements StepTaken {
}
