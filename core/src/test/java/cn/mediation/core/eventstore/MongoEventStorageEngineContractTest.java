package cn.mediation.core.eventstore;

import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngineTest;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;

import java.util.function.UnaryOperator;

/**
 * Axon's own storage-engine contract (the tests of {@code BatchingEventStorageEngineTest} and its parents from the
 * {@code axon-eventsourcing} tests jar), run against our engine on the embedded MongoDB.
 */
class MongoEventStorageEngineContractTest
        extends BatchingEventStorageEngineTest<MongoEventStorageEngine, MongoEventStorageEngineBuilder> {

    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        database = TestMongo.freshDatabase();
        setTestSubject(createEngine());
    }

    @Override
    protected MongoEventStorageEngine createEngine(UnaryOperator<MongoEventStorageEngineBuilder> customization) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        MongoEventStorageEngineBuilder builder = MongoEventStorageEngine.builder()
                                                                         .database(database)
                                                                         .eventSerializer(serializer)
                                                                         .snapshotSerializer(serializer)
                                                                         .batchSize(100);
        return customization.apply(builder).build();
    }
}
