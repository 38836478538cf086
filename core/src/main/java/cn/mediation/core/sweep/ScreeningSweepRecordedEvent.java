package cn.mediation.core.sweep;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A screening sweep was recorded. */
@Revision("1")
public record ScreeningSweepRecordedEvent(
        String sweepId,
        String villageCode,
        int found,
        String notes,
        LocalDate date,
        String actor) {
}
