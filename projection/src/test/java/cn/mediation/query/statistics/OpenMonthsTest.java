package cn.mediation.query.statistics;

import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open and overdue counts read the open buckets of the months each region has open cases in: one very old
 * registration (2000-01-02) in one village does not make another county's figures ask for every month back to it.
 * Buckets written before those months were kept get them at the first start.
 */
class OpenMonthsTest {

    private static final String OLD_VILLAGE = "511921101003";
    private static final String OLD_COUNTY = "511921000000";
    private static final String OTHER_VILLAGE = "511922101003";
    private static final String OTHER_COUNTY = "511922000000";
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        MongoStatisticsStore store = new MongoStatisticsStore(database);
        store.addOpen(OLD_VILLAGE, "NEIGHBOURS", LocalDate.of(2000, 1, 2), 1, 1L);
        store.addOpen(OTHER_VILLAGE, "NEIGHBOURS", TODAY.minusDays(3), 1, 2L);
        // the earliest registration month, as storing the old dispute's facts records it
        database.getCollection("stat_meta").updateOne(new Document("_id", "months"),
                                                      new Document("$min", new Document("first", "2000-01")),
                                                      new UpdateOptions().upsert(true));
    }

    private static FigureSums open(MongoStatisticsStore store, String region, long maxBucketIds) {
        long before = store.bucketIdsRead();
        FigureSums sums = new StatisticsCalculator(store)
                .compute(List.of(region), TODAY.withDayOfMonth(1), TODAY, List.of(BucketKeys.ALL), TODAY, 30)
                .get(region).get(BucketKeys.ALL);
        assertThat(store.bucketIdsRead() - before).as("bucket ids asked for " + region).isLessThanOrEqualTo(maxBucketIds);
        return sums;
    }

    private static void assertBounded(MongoStatisticsStore store) {
        // the period's own buckets (a month cut at the 7th: seven day buckets) and one open month, not ~324
        FigureSums other = open(store, OTHER_COUNTY, 10);
        assertThat(other.open).isEqualTo(1);
        assertThat(other.overdue).isZero();
        FigureSums old = open(store, OLD_COUNTY, 10);
        assertThat(old.open).isEqualTo(1);
        assertThat(old.overdue).isEqualTo(1);
        assertThat(open(store, "511900000000", 10).open).isEqualTo(2);
    }

    @Test
    void anotherCountysOpenCountsDoNotAskForEveryMonthBackToTheOldestRegistration() {
        assertBounded(new MongoStatisticsStore(database));
    }

    @Test
    void bucketsWrittenBeforeTheOpenMonthsWereKeptGetThemAtTheFirstStart() {
        database.getCollection("stat_meta").deleteMany(new Document("_id", new Document("$nin", List.of("months", "format"))));
        assertThat(database.getCollection("stat_meta").countDocuments()).isEqualTo(2);
        assertBounded(new MongoStatisticsStore(database));
    }
}
