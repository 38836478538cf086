package cn.mediation.core.eventstore;

import cn.mediation.core.testing.EmbeddedMongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.mediation.core.eventstore.StoreTestSupport.engineOn;
import static cn.mediation.core.eventstore.StoreTestSupport.events;
import static cn.mediation.core.eventstore.StoreTestSupport.identifiersOf;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tracking processor feeding a read model, with its token in MongoDB, across a stop and start of everything: the
 * processor, the event store, the engine and the embedded server on its H2 file.
 */
class EventStoreRestartTest {

    private static final String DATABASE = "restart";
    private static final String PROCESSOR = "case-read-model";

    @TempDir
    Path directory;

    private Stack running;

    @AfterEach
    void tearDown() {
        if (running != null) {
            running.stop();
        }
    }

    @Test
    void processorResumesFromItsStoredTokenAndTheReadModelHasOneEntryPerEvent() {
        Path file = directory.resolve("store.mv.db");
        List<String> published = new ArrayList<>();

        running = Stack.start(file);
        running.startProcessor();
        published.addAll(running.publish(events("case-1", 0, 12)));
        published.addAll(running.publish(events("case-2", 0, 10)));
        published.addAll(running.publish(events("case-3", 0, 8)));
        await().atMost(Duration.ofSeconds(30)).until(() -> running.readModelSize() == published.size());
        running.stopProcessor();
        published.addAll(running.publish(events("case-1", 12, 10)));    // while the processor is down
        published.addAll(running.publish(events("case-4", 0, 5)));
        long handledBeforeRestart = running.readModelSize();
        running.stop();
        running = null;

        running = Stack.start(file);
        assertThat(running.readModelSize()).as("read model entries after the restart")
                                           .isEqualTo(handledBeforeRestart).isEqualTo(30);
        assertThat(running.storedTokens()).as("tokens stored for the processor").isEqualTo(1);
        running.startProcessor();
        published.addAll(running.publish(events("case-2", 10, 10)));
        published.addAll(running.publish(events("case-5", 0, 5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> running.readModelSize() >= published.size());

        Map<String, Integer> deliveries = running.deliveriesByEvent();
        assertThat(deliveries.keySet()).as("read model entries").containsExactlyInAnyOrderElementsOf(published);
        assertThat(deliveries).as("times each event was handled").allSatisfy(
                (identifier, times) -> assertThat(times).as(identifier).isEqualTo(1));
    }

    /** Everything that runs against the H2 file, from the embedded server up to the processor. */
    private static final class Stack {

        private final EmbeddedMongo mongo;
        private final EmbeddedEventStore eventStore;
        private final MongoTokenStore tokenStore;
        private final MongoCollection<Document> readModel;
        private TrackingEventProcessor processor;

        private Stack(EmbeddedMongo mongo) {
            this.mongo = mongo;
            MongoDatabase database = mongo.database(DATABASE);
            this.eventStore = EmbeddedEventStore.builder()
                                                .storageEngine(engineOn(database).build())
                                                .fetchDelay(100)
                                                .build();
            this.tokenStore = MongoTokenStore.builder()
                                             .mongoTemplate(DefaultMongoTemplate.builder()
                                                                                .mongoDatabase(database)
                                                                                .build())
                                             .serializer(JacksonSerializer.defaultSerializer())
                                             .build();
            this.readModel = database.getCollection("case_read_model");
        }

        static Stack start(Path file) {
            return new Stack(EmbeddedMongo.onFile(file));
        }

        void startProcessor() {
            EventMessageHandler handler = (EventMessage<?> event) -> {
                DomainEventMessage<?> domain = (DomainEventMessage<?>) event;
                readModel.updateOne(eq("_id", event.getIdentifier()),
                                    Updates.combine(Updates.set("caseId", domain.getAggregateIdentifier()),
                                                    Updates.set("sequenceNumber", domain.getSequenceNumber()),
                                                    Updates.inc("deliveries", 1)),
                                    new UpdateOptions().upsert(true));
                return null;
            };
            processor = TrackingEventProcessor.builder()
                                              .name(PROCESSOR)
                                              .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                                                                                            .eventHandlers(handler)
                                                                                            .build())
                                              .messageSource(eventStore)
                                              .tokenStore(tokenStore)
                                              .transactionManager(NoTransactionManager.INSTANCE)
                                              .build();
            processor.start();
        }

        List<String> publish(List<DomainEventMessage<?>> messages) {
            eventStore.publish(messages);
            return identifiersOf(messages);
        }

        long readModelSize() {
            return readModel.countDocuments();
        }

        long storedTokens() {
            return mongo.database(DATABASE).getCollection("trackingtokens")
                        .countDocuments(eq("processorName", PROCESSOR));
        }

        Map<String, Integer> deliveriesByEvent() {
            Map<String, Integer> deliveries = new HashMap<>();
            for (Document entry : readModel.find()) {
                deliveries.put(entry.getString("_id"), entry.getInteger("deliveries"));
            }
            return deliveries;
        }

        void stopProcessor() {
            if (processor != null) {
                processor.shutDown();
                processor = null;
            }
        }

        void stop() {
            stopProcessor();
            eventStore.shutDown();
            mongo.close();
        }
    }
}
