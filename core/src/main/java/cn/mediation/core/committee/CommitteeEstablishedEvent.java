package cn.mediation.core.committee;

import cn.mediation.core.region.RegionLevel;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A committee was established. Revision 2 added its {@code kind} and, for a trade (行业性专业性) committee, the
 * {@code trade}; committees established under revision 1 read with {@code null}: not recorded.
 */
@Revision("2")
public record CommitteeEstablishedEvent(
        String committeeId,
        String name,
        String regionCode,
        RegionLevel level,
        String field,
        LocalDate date,
        String actor,
        CommitteeKind kind,
        String trade) {

    public CommitteeEstablishedEvent(String committeeId, String name, String regionCode, RegionLevel level,
                                     String field, LocalDate date, String actor) {
        this(committeeId, name, regionCode, level, field, date, actor, null, null);
    }
}
