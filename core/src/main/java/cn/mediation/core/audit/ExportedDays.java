package cn.mediation.core.audit;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks the sealed days an export carries against the events it carries, as the verifier checks a store: each
 * day's count and digest given again by the day's events in global order, and, with the deployment's key, each
 * seal chained to the one before. So a file whose events, chains and digests were all recomputed is refused at the
 * first day whose seal does not hold. Days before the first sealed one were digested before the deployment had a
 * key and are checked by their digest only.
 */
public final class ExportedDays {

    private final DaySeal seal;
    private final Map<LocalDate, DayDigest> days = new HashMap<>();
    private LocalDate previousDay;
    private String previousSeal;
    private boolean keyed;

    /** {@code seal} null: digests are checked, seals are not. */
    public ExportedDays(DaySeal seal) {
        this.seal = seal;
    }

    /** One event of the file, in global order. */
    public void event(Date timestamp, String hash) {
        days.computeIfAbsent(AuditLedger.dayOf(timestamp), d -> new DayDigest()).add(hash);
    }

    /** After every event, in the file's order: null when the sealed day holds, else why it does not. */
    public String check(SealedDay day) {
        if (previousDay != null && !day.day().isAfter(previousDay)) {
            return "sealed day " + day.day() + " does not follow " + previousDay;
        }
        DayDigest found = days.getOrDefault(day.day(), new DayDigest());
        long count = found.count();
        String reason = null;
        // days before the first sealed one were digested before the deployment had its key (as the verifier says)
        keyed |= day.seal() != null;
        if (count != day.count() || !found.finish().equals(day.digest())) {
            reason = "the events of " + day.day() + " do not give its sealed count and digest";
        } else if (seal != null && keyed && !seal.holds(day.day(), day.count(), day.digest(), previousSeal, day.seal())) {
            reason = "the digest of " + day.day() + " is not the one sealed under this deployment's key";
        }
        previousDay = day.day();
        previousSeal = day.seal();
        return reason;
    }
}
