package cn.mediation.core.eventstore;

import cn.mediation.core.testing.TestMongo;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static cn.mediation.core.eventstore.StoreTestSupport.aggregateEvents;
import static cn.mediation.core.eventstore.StoreTestSupport.engineOn;
import static cn.mediation.core.eventstore.StoreTestSupport.event;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An append right after the engine loaded or appended to a stream commits on the last sequence number and hash it
 * remembers, without reading the stream; the compare-and-set still checks both, so a stream changed by another
 * writer in between is read and chained to as it is, or the append is refused.
 */
class RememberedStreamHeadTest {

    private final List<BsonDocument> streamReads = new CopyOnWriteArrayList<>();
    private MongoClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** The engine on its own client, whose {@code find}s on the streams collection are recorded. */
    private MongoEventStorageEngine recordingEngine(MongoDatabase database) {
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                BsonDocument command = event.getCommand();
                if ("find".equals(event.getCommandName()) && "streams".equals(command.getString("find").getValue())) {
                    streamReads.add(command.clone());
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                                                        .applyConnectionString(new ConnectionString(
                                                                TestMongo.connectionString()))
                                                        .addCommandListener(listener)
                                                        .build());
        return engineOn(client.getDatabase(database.getName())).build();
    }

    @Test
    void appendsToANewStreamAndAfterALoadOrAnAppendReadNoStream() {
        MongoDatabase database = TestMongo.freshDatabase();
        MongoEventStorageEngine engine = recordingEngine(database);

        engine.appendEvents(event("case-1", 0));
        engine.appendEvents(event("case-1", 1));
        assertThat(streamReads).as("stream reads of a first append and of the append after it").isEmpty();

        MongoEventStorageEngine other = engineOn(database).build();
        other.appendEvents(event("case-2", 0));
        assertThat(aggregateEvents(engine, "case-2")).hasSize(1);
        streamReads.clear();
        engine.appendEvents(event("case-2", 1));
        assertThat(streamReads).as("stream reads of an append right after a load").isEmpty();

        assertThat(aggregateEvents(other, "case-1")).extracting(m -> m.getSequenceNumber()).containsExactly(0L, 1L);
        assertThat(aggregateEvents(other, "case-2")).extracting(m -> m.getSequenceNumber()).containsExactly(0L, 1L);
    }

    @Test
    void aStreamAppendedToByAnotherWriterRefusesTheAppendMadeOnTheRememberedHead() {
        MongoDatabase database = TestMongo.freshDatabase();
        MongoEventStorageEngine engine = recordingEngine(database);
        MongoEventStorageEngine other = engineOn(database).build();
        engine.appendEvents(event("case-1", 0));
        other.appendEvents(event("case-1", 1));

        assertThatThrownBy(() -> engine.appendEvents(event("case-1", 1))).isInstanceOf(ConcurrencyException.class);
        assertThat(aggregateEvents(other, "case-1")).hasSize(2);
        engine.appendEvents(event("case-1", 2));
        assertThat(aggregateEvents(other, "case-1")).extracting(m -> m.getSequenceNumber())
                                                      .containsExactly(0L, 1L, 2L);
    }

    @Test
    void aStreamWhoseLastHashChangedIsReadAndChainedToAsItIs() {
        MongoDatabase database = TestMongo.freshDatabase();
        MongoEventStorageEngine engine = recordingEngine(database);
        engine.appendEvents(event("case-1", 0));
        // another writer's commit at the same sequence, taken back and replaced, leaves another last hash
        String replaced = "0".repeat(64);
        database.getCollection("streams").updateOne(eq("_id", "case-1"),
                                                    new Document("$set", new Document("hash", replaced)));
        streamReads.clear();

        engine.appendEvents(event("case-1", 1));

        assertThat(streamReads).as("stream reads after the remembered head was refused").isNotEmpty();
        Document second = database.getCollection("events").find(new Document("aggregateIdentifier", "case-1")
                                                                         .append("sequenceNumber", 1L)).first();
        assertThat(second.getString("prev")).isEqualTo(replaced);
        assertThat(database.getCollection("streams").find(eq("_id", "case-1")).first().getString("hash"))
                .isEqualTo(second.getString("hash"));
    }
}
