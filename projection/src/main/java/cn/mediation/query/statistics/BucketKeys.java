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

    /** The bucket of one day: the same shape as a month's ({@code m}), so that a month is read without its days. */
    static String day(String region, LocalDate date) {
        return region + "|" + date;
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

    /** The update of a month's or a day's bucket: totals for the field and for ALL. */
    static org.bson.Document increments(String field, Map<String, Map<LocalDate, Long>> steps) {
        org.bson.Document inc = new org.bson.Document();
        steps.forEach((figure, byDate) -> byDate.forEach((t, c) -> {
            for (String key : new String[]{field, ALL}) {
                if (key != null) {
                    inc.append("m." + key + "." + figure + "." + t, c);
                }
            }
        }));
        return inc;
    }

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
