package cn.mediation.app.axon;

import cn.mediation.core.eventstore.AppendStep;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.eventstore.MongoEventStorageEngineBuilder;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An append interrupted between its stream commit and its copy reaches the global log at the next scheduled run. */
class PendingCopyRecoveryTest {

    private static MongoEventStorageEngineBuilder engineOn(MongoDatabase database) {
        return MongoEventStorageEngine.builder().database(database)
                                      .eventSerializer(JacksonSerializer.defaultSerializer())
                                      .snapshotSerializer(JacksonSerializer.defaultSerializer());
    }

    @Test
    void theScheduledRunCopiesAnInterruptedAppendIntoTheLog() {
        MongoDatabase database = TestMongo.freshDatabase();
        MongoEventStorageEngine interrupted = engineOn(database).stepListener(step -> {
            if (step == AppendStep.STREAM_COMMITTED) {
                throw new IllegalStateException("the database went away before the copy");
            }
        }).build();
        assertThatThrownBy(() -> interrupted.appendEvents(List.of(
                new GenericDomainEventMessage<>("Dispute", "d-1", 0, Map.of("step", "register")))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(database.getCollection("events").countDocuments(new Document("aggregateIdentifier", "d-1")))
                .as("committed to the stream, not yet in the log").isZero();

        MongoEventStorageEngine engine = engineOn(database).build();
        new PendingCopyRecovery(engine, Duration.ZERO).run();
        assertThat(database.getCollection("events").countDocuments(new Document("aggregateIdentifier", "d-1")))
                .isEqualTo(1);
        new PendingCopyRecovery(engine, Duration.ZERO).run();
        assertThat(database.getCollection("events").countDocuments(new Document("aggregateIdentifier", "d-1")))
                .as("a second run copies nothing twice").isEqualTo(1);
    }

    @Test
    void aYoungMarkerIsLeftToItsAppender() {
        MongoDatabase database = TestMongo.freshDatabase();
        MongoEventStorageEngine interrupted = engineOn(database).stepListener(step -> {
            if (step == AppendStep.STREAM_COMMITTED) {
                throw new IllegalStateException("still at work");
            }
        }).build();
        assertThatThrownBy(() -> interrupted.appendEvents(List.of(
                new GenericDomainEventMessage<>("Dispute", "d-2", 0, Map.of("step", "register")))))
                .isInstanceOf(IllegalStateException.class);
        new PendingCopyRecovery(engineOn(database).build(), Duration.ofHours(1)).run();
        assertThat(database.getCollection("events").countDocuments(new Document("aggregateIdentifier", "d-2")))
                .isZero();
    }
}
