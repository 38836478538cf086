package cn.mediation.core.eventstore;

import cn.mediation.core.eventstore.layout.EventCollections;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.time.Clock;
import java.time.Duration;

/** The settings of a {@link MongoEventStorageEngine}: {@code MongoEventStorageEngine.builder()...build()}. */
public class MongoEventStorageEngineBuilder extends BatchingEventStorageEngine.Builder {

    MongoDatabase database;
    String prefix = "";
    Runnable durabilityBarrier = () -> {
    };
    java.util.function.Consumer<AppendStep> stepListener = step -> {
    };
    Clock clock = Clock.systemUTC();
    Duration gapTimeout = Duration.ofSeconds(60);
    Duration holdBack = Duration.ofMillis(1000);
    Duration recoveryDelay = Duration.ZERO;
    int maxGapOffset = 10_000;
    long lowestGlobalSequence = 1;
    boolean createIndexes = true;
    PayloadCodec payloadCodec = PayloadCodec.IDENTITY;

    MongoEventStorageEngineBuilder() {
        persistenceExceptionResolver(new MongoDuplicateKeyResolver());
    }

    public MongoEventStorageEngineBuilder database(MongoDatabase database) {
        this.database = database;
        return this;
    }

    /** A prefix for the collection names, so several stores can share a database (tests, benchmarks). */
    public MongoEventStorageEngineBuilder collectionPrefix(String prefix) {
        this.prefix = prefix;
        return this;
    }

    /** The database and the collection prefix in one (see {@link EventCollections}). */
    public MongoEventStorageEngineBuilder collections(EventCollections collections) {
        this.database = collections.database();
        this.prefix = collections.prefix();
        return this;
    }

    /** Run after every append, before it is acknowledged: makes the write durable (e.g. commits H2). */
    public MongoEventStorageEngineBuilder durabilityBarrier(Runnable durabilityBarrier) {
        this.durabilityBarrier = durabilityBarrier;
        return this;
    }

    /** Hears each write of an append as it completes (see {@link AppendStep}). */
    public MongoEventStorageEngineBuilder stepListener(java.util.function.Consumer<AppendStep> stepListener) {
        this.stepListener = stepListener;
        return this;
    }

    public MongoEventStorageEngineBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** How long a gap is re-checked before it is given up (Axon's JDBC engine: 60 s). */
    public MongoEventStorageEngineBuilder gapTimeout(Duration gapTimeout) {
        this.gapTimeout = gapTimeout;
        return this;
    }

    /** How long the tracker waits for a missing number before passing over it (it stays a gap). */
    public MongoEventStorageEngineBuilder holdBack(Duration holdBack) {
        this.holdBack = holdBack;
        return this;
    }

    /**
     * How old a pending copy must be before a reader repairs it (default: at once; a repair racing the original
     * writer stores nothing twice).
     */
    public MongoEventStorageEngineBuilder recoveryDelay(Duration recoveryDelay) {
        this.recoveryDelay = recoveryDelay;
        return this;
    }

    /** Gaps further behind the index than this are dropped (Axon's JDBC engine: 10,000). */
    public MongoEventStorageEngineBuilder maxGapOffset(int maxGapOffset) {
        this.maxGapOffset = maxGapOffset;
        return this;
    }

    /**
     * Encodes every payload before it is stored and decodes it on every read (events and snapshots); default:
     * stored as serialized. The application seals personal data with it.
     */
    public MongoEventStorageEngineBuilder payloadCodec(PayloadCodec payloadCodec) {
        this.payloadCodec = java.util.Objects.requireNonNull(payloadCodec, "payloadCodec");
        return this;
    }

    public MongoEventStorageEngineBuilder createIndexes(boolean createIndexes) {
        this.createIndexes = createIndexes;
        return this;
    }

    @Override
    public MongoEventStorageEngineBuilder snapshotSerializer(Serializer snapshotSerializer) {
        super.snapshotSerializer(snapshotSerializer);
        return this;
    }

    @Override
    public MongoEventStorageEngineBuilder eventSerializer(Serializer eventSerializer) {
        super.eventSerializer(eventSerializer);
        return this;
    }

    @Override
    public MongoEventStorageEngineBuilder upcasterChain(org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
        super.upcasterChain(upcasterChain);
        return this;
    }

    @Override
    public MongoEventStorageEngineBuilder persistenceExceptionResolver(
            org.axonframework.common.jdbc.PersistenceExceptionResolver persistenceExceptionResolver) {
        super.persistenceExceptionResolver(persistenceExceptionResolver);
        return this;
    }

    @Override
    public MongoEventStorageEngineBuilder batchSize(int batchSize) {
        super.batchSize(batchSize);
        return this;
    }

    @Override
    protected void validate() throws AxonConfigurationException {
        super.validate();
        if (database == null) {
            throw new AxonConfigurationException("A MongoDatabase is required");
        }
    }

    public MongoEventStorageEngine build() {
        return new MongoEventStorageEngine(this);
    }
}
