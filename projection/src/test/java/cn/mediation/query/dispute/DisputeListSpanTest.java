package cn.mediation.query.dispute;

import cn.mediation.core.testing.TestMongo;
import cn.mediation.query.support.ReadSideSettings;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One very old registration (allowed: 2000-01-02) in one village does not make the lists of other areas read back to
 * it: a list reads the months its own region (or unit) has registrations in, one query each, counted by
 * {@link DisputeLists#indexReads()}; the old case's own area still finds it. Lists written before the months index
 * existed get it at the first start.
 */
class DisputeListSpanTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final String OLD_VILLAGE = "511921101003";
    private static final String OLD_COUNTY = "511921000000";
    private static final String OTHER_VILLAGE = "511922101003";
    private static final String OTHER_COUNTY = "511922000000";

    private MongoDatabase database;
    private Clock clock;
    private MongoViewTarget target;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        clock = Clock.fixed(TODAY.atStartOfDay(ZONE).plusHours(10).toInstant(), ZONE);
        target = new MongoViewTarget(database);
    }

    private void view(String id, String village, LocalDate registeredOn) {
        target.apply(id, 0, view -> view.append("status", "REGISTERED").append("registeredOn", registeredOn.toString())
                                        .append("villageCode", village)
                                        .append("townCode", village.substring(0, 9) + "000")
                                        .append("countyCode", village.substring(0, 6) + "000000")
                                        .append("cityCode", village.substring(0, 4) + "00000000")
                                        .append("handlingUnit", village).append("field", "NEIGHBOURS")
                                        .append("caseNumber", id).append("summary", "两户宅基地边界纠纷"));
    }

    private DisputeLists lists() {
        return new DisputeLists(database, new DisputeViews(database), clock, new ReadSideSettings(30));
    }

    private record Listed(List<Object> ids, boolean complete, long reads) {
    }

    private static Listed list(DisputeLists lists, String region, String field, String unit) {
        long before = lists.indexReads();
        Map<String, Object> body = lists.list(region, null, null, null, field, null, unit, 0, 20);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
        return new Listed(items.stream().map(item -> item.get("id")).toList(), (Boolean) body.get("complete"),
                          lists.indexReads() - before);
    }

    @Test
    void anotherAreasListDoesNotReadBackToTheOldestRegistration() {
        DisputeLists lists = lists();
        view("old", OLD_VILLAGE, LocalDate.of(2000, 1, 2));
        view("old-county-recent", OLD_VILLAGE, TODAY.minusDays(1));
        view("other", OTHER_VILLAGE, TODAY.minusDays(3));

        // the months index, then the one month (the listed case is this month's) — never ~26 years of days
        Listed other = list(lists, OTHER_COUNTY, null, null);
        assertThat(other.ids()).containsExactly("other");
        assertThat(other.complete()).isTrue();
        assertThat(other.reads()).as("index reads for another county's list").isEqualTo(2);
        Listed filtered = list(lists, OTHER_COUNTY, "NEIGHBOURS", null);
        assertThat(filtered.ids()).containsExactly("other");
        assertThat(filtered.reads()).isEqualTo(2);
        Listed inbox = list(lists, null, null, OTHER_VILLAGE);
        assertThat(inbox.ids()).containsExactly("other");
        assertThat(inbox.reads()).isEqualTo(2);

        // the old case's county finds it, reading its two months only
        Listed own = list(lists, OLD_COUNTY, "NEIGHBOURS", null);
        assertThat(own.ids()).containsExactly("old-county-recent", "old");
        assertThat(own.complete()).isTrue();
        assertThat(own.reads()).isEqualTo(3);
        assertThat(list(lists, "511900000000", null, null).ids()).containsExactly("old-county-recent", "other", "old");
    }

    @Test
    void listsWrittenBeforeTheMonthsIndexGetItAtTheFirstStart() {
        view("old", OLD_VILLAGE, LocalDate.of(2000, 1, 2));
        view("other", OTHER_VILLAGE, TODAY.minusDays(3));
        // as an earlier version left the store: list keys, no months index
        database.getCollection(DisputeLists.META).deleteMany(new Document("_id", new Document("$ne", "months")));

        DisputeLists before = lists();
        assertThat(database.getCollection(DisputeLists.META).find(new Document("_id", "owner|r|" + OTHER_COUNTY))
                           .first().getList("months", String.class)).containsExactly("2026-12");
        Listed other = list(before, OTHER_COUNTY, null, null);
        assertThat(other.ids()).containsExactly("other");
        assertThat(other.reads()).isEqualTo(2);
        assertThat(list(before, OLD_COUNTY, null, null).ids()).containsExactly("old");
    }
}
