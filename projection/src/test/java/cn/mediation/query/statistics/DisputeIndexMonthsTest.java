package cn.mediation.query.statistics;

import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill-through lists of open and overdue cases ask the village-and-month index only for the months each
 * village has disputes in: one very old registration (2000-01-02) in one village does not make another area's list
 * ask for every month back to it. An index written before the months were kept gets them at the first start.
 */
class DisputeIndexMonthsTest {

    private static final String OLD_VILLAGE = "511921101003";
    private static final String OTHER_VILLAGE = "511922101003";
    private static final String EMPTY_VILLAGE = "511922102002";
    private static final YearMonth FIRST = YearMonth.of(2000, 1);
    private static final YearMonth LAST = YearMonth.of(2026, 12);

    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        DisputeIndexes.Mongo index = new DisputeIndexes.Mongo(database);
        index.add(OLD_VILLAGE, LocalDate.of(2000, 1, 2), "old");
        index.addAll(Map.of(DisputeIndexes.key(OTHER_VILLAGE, LAST), Set.of("other"),
                            DisputeIndexes.key(OLD_VILLAGE, LAST), Set.of("old-village-recent")));
    }

    private static void assertBounded(DisputeIndexes.Mongo index) {
        List<String> keys = index.keysWithin(List.of(OTHER_VILLAGE, EMPTY_VILLAGE), FIRST, LAST);
        assertThat(keys).as("keys of another area's villages").containsExactly(DisputeIndexes.key(OTHER_VILLAGE, LAST));
        long before = index.keysRead();
        assertThat(index.disputes(keys)).containsExactly("other");
        assertThat(index.keysRead() - before).isEqualTo(1);
        assertThat(index.keysWithin(List.of(OLD_VILLAGE), FIRST, LAST))
                .containsExactlyInAnyOrder(DisputeIndexes.key(OLD_VILLAGE, FIRST), DisputeIndexes.key(OLD_VILLAGE, LAST));
        assertThat(index.keysWithin(List.of(OLD_VILLAGE), YearMonth.of(2026, 1), LAST))
                .as("a period's months only").containsExactly(DisputeIndexes.key(OLD_VILLAGE, LAST));
        // without the months index (its default) every month of the span is a key
        assertThat(new DisputeIndexes.Memory().keysWithin(List.of(OTHER_VILLAGE), FIRST, LAST)).hasSize(27 * 12);
    }

    @Test
    void anotherAreasVillagesAreAskedForTheirOwnMonthsOnly() {
        assertBounded(new DisputeIndexes.Mongo(database));
    }

    @Test
    void anIndexWrittenBeforeTheMonthsWereKeptGetsThemAtTheFirstStart() {
        database.getCollection("stat_index").deleteMany(new Document("_id", new Document("$regex", "^m")));
        assertThat(database.getCollection("stat_index").countDocuments()).isEqualTo(3);
        assertBounded(new DisputeIndexes.Mongo(database));
    }
}
