package cn.mediation.core.committee;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A mediator was appointed. Revision 2 added {@code fullTime} (专职 true, 兼职 false); appointments of revision 1
 * read with {@code null}: not recorded.
 */
@Revision("2")
public record MediatorAppointedEvent(
        String committeeId,
        String mediatorId,
        String name,
        String regionCode,
        LocalDate date,
        String actor,
        Boolean fullTime) {

    public MediatorAppointedEvent(String committeeId, String mediatorId, String name, String regionCode,
                                  LocalDate date, String actor) {
        this(committeeId, mediatorId, name, regionCode, date, actor, null);
    }
}
