package cn.mediation.query.statistics;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/** The live statistics projection: every dispute and sweep event into {@link StatisticsModel} on MongoDB. */
@Component
@ProcessingGroup(StatisticsProjection.GROUP)
public class StatisticsProjection {

    public static final String GROUP = "statistics";
    /**
     * The largest processing batch the statistics guard is sure of: after a crash a batch is delivered again from the
     * last stored token, so each bucket must remember at least a batch's events; it remembers twice that.
     */
    public static final int MAX_BATCH_SIZE = MongoStatisticsStore.RECENT / 2;

    /** Refuses a processing batch size for this projection larger than {@link #MAX_BATCH_SIZE}. */
    public static void checkBatchSize(int batchSize) {
        if (batchSize > MAX_BATCH_SIZE) {
            throw new IllegalStateException("The " + GROUP + " processor's batch size is " + batchSize + ": at most "
                    + MAX_BATCH_SIZE + " (each statistics bucket remembers the last " + MongoStatisticsStore.RECENT
                    + " events applied to it, to recognise a batch delivered again after a crash)");
        }
    }

    private final MongoStatisticsStore store;
    private final DisputeIndexes.Mongo index;
    private final StatisticsModel model;

    public StatisticsProjection(MongoDatabase database) {
        this.store = new MongoStatisticsStore(database);
        this.index = new DisputeIndexes.Mongo(database);
        this.model = new StatisticsModel(store, index);
    }

    /**
     * Applies the event to a buffer kept for the batch of events being processed, and writes the buffer when the
     * batch's last event is handled: before the processor stores its token, so a crash repeats a batch, never skips.
     */
    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        long seq = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        if (!CurrentUnitOfWork.isStarted()) {
            model.apply(payload, seq, message.getIdentifier());
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        BufferedStatisticsStore buffer = unitOfWork.root().getOrComputeResource(
                BUFFER + System.identityHashCode(this), k -> readingAhead(unitOfWork));
        new StatisticsModel(buffer, buffer).apply(payload, seq, message.getIdentifier());
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            buffer.flush();
        }
    }

    private static final String BUFFER = "statistics-buffer-";

    /** The batch's buffer, with the stored facts of all the disputes its events are about already read. */
    private BufferedStatisticsStore readingAhead(UnitOfWork<?> unitOfWork) {
        BufferedStatisticsStore buffer = new BufferedStatisticsStore(store, index);
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
            buffer.readAhead(disputes(batch.getMessages()));
        }
        return buffer;
    }

    private static java.util.List<String> disputes(java.util.List<? extends org.axonframework.messaging.Message<?>> messages) {
        return messages.stream().map(m -> StatisticsModel.disputeOf(m.getPayload()))
                       .filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Applies a batch of events outside a processor (tools and benchmarks that feed recorded events), with the same
     * buffered writes as a processing batch.
     */
    public void applyBatch(java.util.List<? extends EventMessage<?>> messages) {
        BufferedStatisticsStore buffer = new BufferedStatisticsStore(store, index);
        buffer.readAhead(disputes(messages));
        StatisticsModel batchModel = new StatisticsModel(buffer, buffer);
        for (EventMessage<?> message : messages) {
            long seq = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
            batchModel.apply(message.getPayload(), seq, message.getIdentifier());
        }
        buffer.flush();
    }

    @ResetHandler
    void reset() {
        store.clear();
        index.clear();
    }

    /** Whether the stored buckets have another shape than this code reads: then rebuild the projection. */
    public boolean outdated() {
        return store.outdated();
    }

    StatisticsStore store() {
        return store;
    }

    StatisticsModel.DisputeIndex index() {
        return index;
    }
}
