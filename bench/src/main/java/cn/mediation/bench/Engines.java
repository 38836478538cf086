package cn.mediation.bench;

import cn.mediation.core.eventstore.AppendStep;
import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.core.eventstore.MongoEventStorageEngineBuilder;
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

    /** Our engine as the app runs it: the store's commit ({@link EmbeddedMongo#commit()}) ends every append. */
    static MongoEventStorageEngine ours(EmbeddedMongo mongo, String databaseName, boolean barrier,
                                        Consumer<AppendStep> stepListener) {
        MongoEventStorageEngineBuilder builder = MongoEventStorageEngine.builder()
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

    /**
     * Axon's JDBC engine on PostgreSQL (what a team would pick instead), in a schema of its own, through a small
     * connection pool; every append commits (autocommit, PostgreSQL's default synchronous commit).
     */
    static org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine jdbc(String url, String schema) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url);
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot prepare PostgreSQL schema " + schema, e);
        }
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(url);
        config.setSchema(schema);
        config.setMaximumPoolSize(4);
        var engine = org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.builder()
                .connectionProvider(new org.axonframework.common.jdbc.DataSourceConnectionProvider(
                        new com.zaxxer.hikari.HikariDataSource(config)))
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                .eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER)
                .batchSize(BATCH_SIZE)
                .build();
        engine.createSchema(org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory.INSTANCE);
        return engine;
    }
}
