package cn.mediation.core.dispute;

import cn.mediation.core.region.RegionLevel;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A dispute was sent up a level or out to another channel. */
@Revision("1")
public record DisputeEscalatedEvent(
        String disputeId,
        RegionLevel fromLevel,
        String fromUnit,
        EscalationTarget to,
        String toUnit,
        String reason,
        LocalDate date,
        String actor) implements StepTaken {
}
