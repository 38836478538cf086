package cn.mediation.query.statistics;

import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionLevel;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Names of bucket documents and of the paths inside them. */
final class BucketKeys {

    static final String ALL = "ALL";

    private BucketKeys() {
    }

    static String bucket(String region, YearMonth month) {
        return region + "|" + month;
    }

    /** The bucket of one day: the same shape as a month's, so that a month is read without its days. */
    static String day(String region, LocalDate date) {
        return region + "|" + date;
    }

    /**
     * The steps by day of {@code t} of a month's bucket for one month of {@code t}: read only for a period that starts
     * mid-way through {@code tMonth}.
     */
    static String detail(String region, YearMonth month, String tMonth) {
        return region + "|" + month + "|d" + tMonth;
    }

    static String open(String region, YearMonth month) {
        return "o|" + region + "|" + month;
    }

    /** The village and the town, county and city that contain it. */
    static List<String> regionsOf(String villageCode) {
        RegionCode village = RegionCode.of(villageCode);
        List<String> regions = new ArrayList<>(4);
        for (RegionLevel level : RegionLevel.values()) {
            regions.add(village.ancestorAt(level).value());
        }
        return regions;
    }

    static String day(LocalDate date) {
        return String.format("%02d", date.getDayOfMonth());
    }

    /**
     * The updates one fact's steps make, totals for the field and for ALL. Each step {@code (t, c)} goes to its month
     * of {@code t} ({@code q.<key>.<figure>.<yyyy-MM>}), which is all a period starting on a month's first day needs,
     * and to its day ({@code d.<yyyy-MM>.<key>.<figure>.<dd>}), read only for the month in which a period starts
     * mid-way. A day's bucket takes both ({@code day}); a month's bucket takes the sums ({@code month}) and keeps the
     * days apart, one document per month of {@code t} ({@code detail}), so that reading a month reads only its sums.
     */
    record Increments(org.bson.Document day, org.bson.Document month, Map<String, org.bson.Document> detail) {
    }

    static Increments increments(String field, Map<String, Map<LocalDate, Long>> steps) {
        org.bson.Document dayBucket = new org.bson.Document();
        org.bson.Document month = new org.bson.Document();
        Map<String, org.bson.Document> detail = new java.util.TreeMap<>();
        steps.forEach((figure, byDate) -> byDate.forEach((t, c) -> {
            String tMonth = YearMonth.from(t).toString();
            for (String key : new String[]{field, ALL}) {
                if (key != null) {
                    String sum = MONTHS + "." + key + "." + figure + "." + tMonth;
                    String days = DAYS + "." + tMonth + "." + key + "." + figure + "." + day(t);
                    month.merge(sum, c, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
                    dayBucket.merge(sum, c, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
                    dayBucket.append(days, c);
                    detail.computeIfAbsent(tMonth, k -> new org.bson.Document()).append(days, c);
                }
            }
        }));
        return new Increments(dayBucket, month, detail);
    }

    /** The section of a bucket with the steps summed by month of {@code t}. */
    static final String MONTHS = "q";
    /** The section of a bucket with the steps by day of {@code t}, grouped by month of {@code t}. */
    static final String DAYS = "d";

    /** A compact, stable hash of an event identifier, for the per-bucket applied-events guard. */
    static long hash(String eventIdentifier) {
        try {
            UUID uuid = UUID.fromString(eventIdentifier);
            return uuid.getMostSignificantBits() ^ (uuid.getLeastSignificantBits() * 31);
        } catch (IllegalArgumentException e) {
            long h = 1125899906842597L;
            for (int i = 0; i < eventIdentifier.length(); i++) {
                h = 31 * h + eventIdentifier.charAt(i);
            }
            return h;
        }
    }
}
