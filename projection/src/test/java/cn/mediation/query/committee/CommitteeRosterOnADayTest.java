package cn.mediation.query.committee;

import cn.mediation.core.committee.CommitteeEstablishedEvent;
import cn.mediation.core.committee.CommitteeKind;
import cn.mediation.core.committee.MediatorAppointedEvent;
import cn.mediation.core.committee.MediatorEmploymentRecordedEvent;
import cn.mediation.core.committee.MediatorRemovedEvent;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roster counted as it stood at the end of a day (the official report's organisation figures at the end of its
 * period): a committee from the day it was established, a mediator from appointment to removal, and a full-time
 * flag recorded afterwards as a correction for the whole appointment.
 */
class CommitteeRosterOnADayTest {

    private static final String VILLAGE = "511902101001";
    private static final String COMMITTEE = "c-1";

    private MongoDatabase database;
    private AnnotationEventHandlerAdapter projection;
    private long sequence;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        projection = new AnnotationEventHandlerAdapter(new CommitteeProjection(database));
        sequence = 0;
        apply(new CommitteeEstablishedEvent(COMMITTEE, "白庙村人民调解委员会", VILLAGE, RegionLevel.VILLAGE, null,
                                            LocalDate.of(2025, 3, 1), "admin", CommitteeKind.VILLAGE, null));
        apply(new MediatorAppointedEvent(COMMITTEE, "m-1", "张主任", VILLAGE, LocalDate.of(2025, 3, 1), "admin", true));
        apply(new MediatorAppointedEvent(COMMITTEE, "m-2", "李调解", VILLAGE, LocalDate.of(2025, 9, 1), "admin", null));
        apply(new MediatorRemovedEvent(COMMITTEE, "m-1", "调任", VILLAGE, LocalDate.of(2025, 10, 31), "admin"));
        apply(new MediatorEmploymentRecordedEvent(COMMITTEE, "m-2", false, VILLAGE, LocalDate.of(2026, 1, 5),
                                                  "admin"));
    }

    private void apply(Object event) {
        try {
            projection.handle(new GenericDomainEventMessage<>("Committee", COMMITTEE, sequence++, event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> on(int year, int month, int day) {
        return new CommitteeQueries(database).organisation(List.of(VILLAGE), LocalDate.of(year, month, day))
                                             .getOrDefault(VILLAGE, Map.of());
    }

    @Test
    void theRosterIsCountedAsItStoodAtTheEndOfTheDay() {
        assertThat(on(2025, 2, 28)).as("before it was established").isEmpty();
        assertThat(on(2025, 3, 1)).containsEntry("committees", 1L).containsEntry("committees:VILLAGE", 1L)
                                  .containsEntry("mediators", 1L).containsEntry("mediators:fullTime", 1L);
        assertThat(on(2025, 9, 30)).as("the second appointed, recorded part-time later")
                                   .containsEntry("mediators", 2L).containsEntry("mediators:partTime", 1L);
        assertThat(on(2025, 10, 30)).containsEntry("mediators", 2L);
        assertThat(on(2025, 10, 31)).as("removed that day").containsEntry("mediators", 1L)
                                    .doesNotContainKey("mediators:fullTime");
        assertThat(on(2026, 12, 31)).containsEntry("committees", 1L).containsEntry("mediators", 1L)
                                    .containsEntry("mediators:partTime", 1L);
    }

    @Test
    void theCurrentRosterStillListsOnlyThoseServing() {
        Document view = database.getCollection(CommitteeProjection.COMMITTEES).find(new Document("_id", COMMITTEE))
                                .first();
        assertThat(view.getList("mediators", Document.class)).extracting(m -> m.getString("mediatorId"))
                                                             .containsExactly("m-2");
        assertThat(view.getList("former", Document.class)).extracting(m -> m.getString("removed"))
                                                          .containsExactly("2025-10-31");
    }

    @Test
    void aRosterWrittenInTheOlderShapeAsksForARebuild() {
        CommitteeProjection current = new CommitteeProjection(database);
        assertThat(current.outdated()).isFalse();
        database.getCollection(CommitteeProjection.META).deleteMany(new Document());
        assertThat(new CommitteeProjection(database).outdated()).as("documents without the days").isTrue();
    }
}
