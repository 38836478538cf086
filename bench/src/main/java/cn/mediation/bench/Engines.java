package cn.mediation.bench;

import cn.mediation.core.eventstore.AppendStep;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import com.mongodb.client.MongoDatabase;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.function.Consumer;

/** Builds the engines under comparison, all with the same serializer and batch size. */
final class Engines {

    static final int BATCH_SIZE = 100;
    static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private Engines() {
    }

    /** Our engine as the app runs it: the H2 commit is the durability barrier of every append. */
    static MongoEventStorageEngine ours(EmbeddedMongo mongo, String databaseName, boolean barrier,
                                        Consumer<AppendStep> stepListener) {
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                                                                         .database(mongo.database(databaseName))
                                                                         .collectionPrefix("es_")
                                                                         .eventSerializer(SERIALIZER)
                                                                         .snapshotSerializer(SERIALIZER)
                                                                         .batchSize(BATCH_SIZE);
        if (barrier) {
            builder.durabilityBarrier(mongo::commit);
        }
        if (stepListener != null) {
            builder.stepListener(stepListener);
        }
        return builder.build();
    }

    static MongoEventStorageEngine ours(EmbeddedMongo mongo, String databaseName, boolean barrier) {
        return ours(mongo, databaseName, barrier, null);
    }

    /** The axon-mongo extension's engine (document per event), on its own database. */
    static org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine vendor(
            EmbeddedMongo mongo, String databaseName) {
        MongoDatabase database = mongo.database(databaseName);
        return org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine
                .builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongo.client(), database.getName()).build())
                .eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER)
                .batchSize(BATCH_SIZE)
                .build();
    }
}
