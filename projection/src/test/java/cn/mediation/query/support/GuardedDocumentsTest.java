package cn.mediation.query.support;

import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guarded write against a writer that changes the document between its read and its compare-and-set: the lost
 * compare-and-set is never reported as applied, and no change is lost.
 */
class GuardedDocumentsTest {

    private MongoCollection<Document> views;

    @BeforeEach
    void collection() {
        views = TestMongo.freshDatabase().getCollection("views");
        GuardedDocuments.ensureIndex(views);
        views.insertOne(new Document("_id", "v").append("seq", 1L).append("steps", 1));
    }

    /** Applies "one more step" at {@code seq}; the first time, another writer applies its event {@code racing} first. */
    private boolean applyLosingTheFirstRaceTo(long seq, long racing) {
        boolean[] raced = {false};
        return GuardedDocuments.apply(views, "v", seq, document -> {
            if (!raced[0]) {
                raced[0] = true;
                views.replaceOne(new Document("_id", "v"),
                                 new Document("seq", racing).append("steps", document.getInteger("steps") + 1));
            }
            return document.append("steps", document.getInteger("steps") + 1);
        });
    }

    @Test
    void aLostRaceIsRetriedOnTheWinnersDocument() {
        boolean applied = applyLosingTheFirstRaceTo(3, 2);

        assertThat(applied).isTrue();
        Document stored = views.find(new Document("_id", "v")).first();
        assertThat(stored.getLong("seq")).isEqualTo(3L);
        assertThat(stored.getInteger("steps")).as("the winner's step and ours").isEqualTo(3);
    }

    @Test
    void aRaceLostToALaterEventReportsNothingApplied() {
        boolean applied = applyLosingTheFirstRaceTo(3, 5);

        assertThat(applied).as("the winner had seen a later position").isFalse();
        Document stored = views.find(new Document("_id", "v")).first();
        assertThat(stored.getLong("seq")).isEqualTo(5L);
        assertThat(stored.getInteger("steps")).as("only the winner's step").isEqualTo(2);
    }
}
