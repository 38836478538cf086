package cn.mediation.core.dispute;

import cn.mediation.core.region.RegionLevel;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Mediation succeeded; level and unit are where it was concluded. */
@Revision("1")
public record DisputeResolvedEvent(
        String disputeId,
        AgreementForm form,
        String terms,
        BigDecimal amount,
        RegionLevel level,
        String unit,
        LocalDate date,
        String actor) {
}
