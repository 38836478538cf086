package cn.mediation.core.dispute;

import cn.mediation.core.region.RegionLevel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Mediation succeeded; level and unit are where it was concluded.
 *
 * <p>Revision 2 renamed revision 1's {@code amount} to {@code agreedAmount} (协议金额, in yuan): beside the
 * registration's {@code amountInvolved} (涉案金额) a bare "amount" was read as the same figure. Stored revision-1
 * events are read through {@code cn.mediation.core.upcasting.DisputeResolvedRevision2Upcaster}.
 *
 * <p>Revision 3 added {@code prevention}: the prevention outcomes (预防效果) with the persons each concerned, an
 * empty list when there were none. Events of earlier revisions read with {@code null} there: not recorded.
 */
@Revision("3")
public record DisputeResolvedEvent(
        String disputeId,
        AgreementForm form,
        String terms,
        BigDecimal agreedAmount,
        RegionLevel level,
        String unit,
        LocalDate date,
        String actor,
        List<Prevention> prevention) implements StepTaken {

    /** A resolution without prevention outcomes recorded (as events before revision 3 read). */
    public DisputeResolvedEvent(String disputeId, AgreementForm form, String terms, BigDecimal agreedAmount,
                                RegionLevel level, String unit, LocalDate date, String actor) {
        this(disputeId, form, terms, agreedAmount, level, unit, date, actor, null);
    }

    /** Whether the resolution recorded its prevention outcomes (an empty list: recorded, none). */
    public boolean preventionRecorded() {
        return prevention != null;
    }
}
