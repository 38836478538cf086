package cn.mediation.core.committee;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The committee's kind (and, for a trade committee, its trade) was recorded or corrected. */
@Revision("1")
public record CommitteeKindRecordedEvent(
        String committeeId,
        CommitteeKind kind,
        String trade,
        String regionCode,
        LocalDate date,
        String actor) {
}
