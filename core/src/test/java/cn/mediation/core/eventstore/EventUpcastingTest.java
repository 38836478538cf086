package cn.mediation.core.eventstore;

import cn.mediation.core.testing.TestMongo;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static cn.mediation.core.eventstore.StoreTestSupport.AGGREGATE_TYPE;
import static cn.mediation.core.eventstore.StoreTestSupport.aggregateEvents;
import static cn.mediation.core.eventstore.StoreTestSupport.readAvailable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored under an older payload revision are read through the upcaster chain, which the engine feeds with
 * {@code JsonNode} content.
 */
class EventUpcastingTest {

    /** Revision 2 renamed the party's {@code name} to {@code fullName}. */
    @Revision("2")
    record PartyRegistered(String caseId, String fullName) {
    }

    /** How revision 1 wrote the same class. */
    abstract static class RevisionOneShape {
        @JsonProperty("name")
        abstract String fullName();
    }

    private static final SerializedType REVISION_1 = new SimpleSerializedType(PartyRegistered.class.getName(), "1");
    private static final SerializedType REVISION_2 = new SimpleSerializedType(PartyRegistered.class.getName(), "2");

    private MongoDatabase database;
    private final List<SerializedType> seenAfterUpcasting = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        JacksonSerializer revisionOne = JacksonSerializer.builder()
                                                         .objectMapper(new ObjectMapper().addMixIn(
                                                                 PartyRegistered.class, RevisionOneShape.class))
                                                         .revisionResolver(payloadType -> "1")
                                                         .build();
        MongoEventStorageEngine oldRelease = MongoEventStorageEngine.builder()
                                                                    .database(database)
                                                                    .eventSerializer(revisionOne)
                                                                    .snapshotSerializer(revisionOne)
                                                                    .build();
        oldRelease.appendEvents(registered("case-1", 0, "王芳"));
    }

    @Test
    void storedDocumentCarriesRevisionOneAndTheOldFieldName() {
        Document stored = database.getCollection("events").find().first();
        assertThat(stored).isNotNull();
        assertThat(stored.getString("payloadRevision")).isEqualTo("1");
        assertThat(stored.get("payload", Document.class)).containsEntry("name", "王芳").doesNotContainKey("fullName");
    }

    @Test
    void revisionOneEventIsReadAsRevisionTwoWithTheRenamedField() {
        MongoEventStorageEngine current = currentRelease(new EventUpcasterChain(new RenameNameToFullName(),
                                                                                new RecordTypes()));
        current.appendEvents(registered("case-1", 1, "李雷"));

        assertThat(payloads(aggregateEvents(current, "case-1")))
                .extracting(PartyRegistered::fullName).containsExactly("王芳", "李雷");
        assertThat(seenAfterUpcasting).as("types after the upcaster").containsExactly(REVISION_2, REVISION_2);

        seenAfterUpcasting.clear();
        assertThat(payloads(readAvailable(current, null).events()))
                .extracting(PartyRegistered::fullName).containsExactly("王芳", "李雷");
        assertThat(seenAfterUpcasting).as("types after the upcaster").containsExactly(REVISION_2, REVISION_2);
    }

    @Test
    void withoutTheUpcasterTheOldFieldIsNotUnderstood() {
        MongoEventStorageEngine current = currentRelease(new EventUpcasterChain(new RecordTypes()));

        assertThat(payloads(aggregateEvents(current, "case-1"))).extracting(PartyRegistered::fullName)
                                                                .containsExactly((String) null);
        assertThat(seenAfterUpcasting).containsExactly(REVISION_1);
    }

    private MongoEventStorageEngine currentRelease(EventUpcaster upcasters) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                                                        .objectMapper(new ObjectMapper().configure(
                                                                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false))
                                                        .build();
        return MongoEventStorageEngine.builder()
                                      .database(database)
                                      .eventSerializer(serializer)
                                      .snapshotSerializer(serializer)
                                      .upcasterChain(upcasters)
                                      .build();
    }

    private static DomainEventMessage<PartyRegistered> registered(String caseId, long sequenceNumber, String name) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, caseId, sequenceNumber,
                                               new PartyRegistered(caseId, name));
    }

    private static List<PartyRegistered> payloads(List<? extends EventMessage<?>> messages) {
        return messages.stream().map(m -> (PartyRegistered) m.getPayload()).collect(Collectors.toList());
    }

    /** Revision 1 to 2: {@code name} becomes {@code fullName}. */
    private static final class RenameNameToFullName extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return REVISION_1.equals(representation.getType());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
                ObjectNode renamed = payload.deepCopy();
                renamed.set("fullName", renamed.remove("name"));
                return renamed;
            });
        }
    }

    /** Notes the type of every event that reaches it, and passes it on unchanged. */
    private final class RecordTypes extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            seenAfterUpcasting.add(representation.getType());
            return false;
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation;
        }
    }
}
