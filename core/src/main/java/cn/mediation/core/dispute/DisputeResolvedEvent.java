package cn.mediation.core.dispute;

import cn.mediation.core.region.RegionLevel;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * Mediation succeeded; level and unit are where it was concluded.
 *
 * <p>Revision 2 renamed revision 1's {@code amount} to {@code agreedAmount} (协议金额, in yuan): beside the
 * registration's {@code amountInvolved} (涉案金额) a bare "amount" was read as the same figure. Stored revision-1
 * events are read through {@code cn.mediation.core.upcasting.DisputeResolvedRevision2Upcaster}.
 */
@Revision("2")
public record DisputeResolvedEvent(
        String disputeId,
        AgreementForm form,
        String terms,
        BigDecimal agreedAmount,
        RegionLevel level,
        String unit,
        LocalDate date,
        String actor) {
}
