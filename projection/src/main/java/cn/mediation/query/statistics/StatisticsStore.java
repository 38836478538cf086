package cn.mediation.query.statistics;

import org.bson.Document;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * Where the statistics projection keeps its state: per-dispute facts, and bucket documents per region and month
 * ({@code <region>|<yyyy-MM>}) and per region and day ({@code <region>|<yyyy-MM-dd>}), each holding the steps of the
 * facts dated in it (see {@link BucketKeys#increments}), by field and "ALL" — a month's steps by day of {@code t} kept
 * apart, one document per month of {@code t} ({@link BucketKeys#detail}), so that reading a month reads only its
 * sums — plus open-dispute counts by registration day ({@code o|<region>|<yyyy-MM>}). Implemented on
 * MongoDB for the live projection and in memory for replays (point-in-time figures, verification).
 */
interface StatisticsStore {

    /** The facts of a dispute with the sequence number of the last event applied, or null. */
    Stored facts(String disputeId);

    /** Replaces a dispute's facts if its stored sequence is still {@code expectedSeq} (-1: absent). */
    void saveFacts(String disputeId, long expectedSeq, long seq, DisputeFacts facts);

    /**
     * Adds the steps to the buckets of the village and its town, county and city for the given date, unless the
     * event (by hash) was already applied to that bucket.
     */
    default void addSteps(String villageCode, String field, LocalDate date, Map<String, Map<LocalDate, Long>> steps,
                          long eventHash) {
        if (steps.isEmpty()) {
            return;
        }
        BucketKeys.Increments inc = BucketKeys.increments(field, steps);
        java.time.YearMonth month = java.time.YearMonth.from(date);
        for (String region : BucketKeys.regionsOf(villageCode)) {
            increment(BucketKeys.day(region, date), inc.day(), eventHash);
            increment(BucketKeys.bucket(region, month), inc.month(), eventHash);
            inc.detail().forEach((tMonth, detail) -> increment(BucketKeys.detail(region, month, tMonth), detail,
                                                               eventHash));
        }
    }

    /** Adds {@code delta} to the open count of the day a dispute was registered, per region level, once per event. */
    default void addOpen(String villageCode, String field, LocalDate registeredOn, int delta, long eventHash) {
        Document inc = new Document(field + "." + BucketKeys.day(registeredOn), delta)
                .append(BucketKeys.ALL + "." + BucketKeys.day(registeredOn), delta);
        for (String region : BucketKeys.regionsOf(villageCode)) {
            increment(BucketKeys.open(region, java.time.YearMonth.from(registeredOn)), inc, eventHash);
        }
    }

    /** Adds the increments (dotted paths → amounts) of one event to one bucket, at most once per event. */
    void increment(String bucketId, Document inc, long eventHash);

    /** Bucket documents by id (absent ones are missing from the map). */
    Map<String, Document> buckets(Collection<String> ids);

    /**
     * Bucket documents by id with only what a calculation needs read, for speed: the given field keys (and ALL) of
     * the by-month section and of the open counts, and of the by-day section only the given months.
     */
    default Map<String, Document> buckets(Collection<String> ids, Collection<String> fieldKeys,
                                          Collection<java.time.YearMonth> dayDetail) {
        return buckets(ids);
    }


    /** The earliest registration month seen (yyyy-MM), or null. */
    String firstMonth();

    /**
     * Per region, the months from {@code first} to {@code last} whose open counts may be other than zero, newest
     * last. This default names every month; a store that keeps which months each region has open counts in names
     * only those.
     */
    default Map<String, java.util.List<java.time.YearMonth>> openMonths(Collection<String> regions,
                                                                        java.time.YearMonth first,
                                                                        java.time.YearMonth last) {
        java.util.List<java.time.YearMonth> months = new java.util.ArrayList<>();
        for (java.time.YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m);
        }
        Map<String, java.util.List<java.time.YearMonth>> result = new java.util.HashMap<>();
        regions.forEach(region -> result.put(region, months));
        return result;
    }

    void clear();

    record Stored(long seq, DisputeFacts facts) {
    }
}
