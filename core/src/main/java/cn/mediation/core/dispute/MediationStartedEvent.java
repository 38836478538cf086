package cn.mediation.core.dispute;

import cn.mediation.core.region.RegionLevel;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Mediation started at the handling level. */
@Revision("1")
public record MediationStartedEvent(
        String disputeId,
        String committeeId,
        List<String> mediatorIds,
        MediationChannel channel,
        RegionLevel level,
        String unit,
        LocalDate date,
        String actor) implements StepTaken {
}
