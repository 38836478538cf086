package cn.mediation.query.committee;

import cn.mediation.core.committee.CommitteeEstablishedEvent;
import cn.mediation.core.committee.CommitteeKind;
import cn.mediation.core.committee.MediatorAppointedEvent;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A roster replayed into a copy of its own: queried like the live one, gone when closed or left by a dead process. */
class ScratchRosterTest {

    private static final String VILLAGE = "511902101001";

    private final MongoDatabase database = TestMongo.freshDatabase();

    @Test
    void aReplayedRosterIsQueriedApartFromTheLiveOneAndDroppedWhenClosed() {
        CommitteeQueries live = new CommitteeQueries(database);
        try (ScratchRoster roster = live.scratchRoster()) {
            roster.apply(new CommitteeEstablishedEvent("c-1", "白庙村人民调解委员会", VILLAGE, RegionLevel.VILLAGE, null,
                                                       LocalDate.of(2025, 3, 1), "admin", CommitteeKind.VILLAGE, null), 0);
            roster.apply(new MediatorAppointedEvent("c-1", "m-1", "张主任", VILLAGE, LocalDate.of(2025, 3, 1), "admin",
                                                    true), 1);
            roster.apply("not a committee's event", 2);
            assertThat(roster.queries().organisation(List.of(VILLAGE), LocalDate.of(2025, 12, 31)).get(VILLAGE))
                    .containsEntry("committees", 1L).containsEntry("mediators:fullTime", 1L);
            assertThat(live.organisation(List.of(VILLAGE), LocalDate.of(2025, 12, 31))).as("the live one").isEmpty();
        }
        assertThat(names()).noneMatch(name -> name.startsWith(ScratchRoster.PREFIX));
    }

    @Test
    void onlyCopiesOlderThanAnyRunningReplayAreDroppedAsLeftovers() {
        Instant now = Instant.parse("2026-12-07T08:00:00Z");
        long old = now.minus(ScratchRoster.LEFT_OVER).minusSeconds(1).getEpochSecond();
        long recent = now.minus(Duration.ofMinutes(5)).getEpochSecond();
        database.getCollection("replay_" + old + "_0a1b2c3d_committee_views").insertOne(new Document("_id", 1));
        database.getCollection("replay_" + recent + "_4e5f6a7b_committee_views").insertOne(new Document("_id", 1));
        database.getCollection("replays_kept").insertOne(new Document("_id", 1));

        assertThat(ScratchRoster.dropLeftovers(database, now)).isEqualTo(1);
        assertThat(names()).contains("replay_" + recent + "_4e5f6a7b_committee_views", "replays_kept")
                           .doesNotContain("replay_" + old + "_0a1b2c3d_committee_views");
    }

    private List<String> names() {
        return database.listCollectionNames().into(new ArrayList<>());
    }
}
