package cn.mediation.core.committee;

import cn.mediation.core.region.RegionLevel;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A committee was established. */
@Revision("1")
public record CommitteeEstablishedEvent(
        String committeeId,
        String name,
        String regionCode,
        RegionLevel level,
        String field,
        LocalDate date,
        String actor) {
}
