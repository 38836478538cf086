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
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live statistics projection: every dispute and sweep event into {@link StatisticsModel} on MongoDB. */
@Component
@ProcessingGroup(StatisticsProjection.GROUP)
public class StatisticsProjection {

    public static final String GROUP = "statistics";
    /** Where Axon's tracking processor puts the segment a batch belongs to, among the unit of work's resources. */
    private static final String SEGMENT_RESOURCE = "Processor[" + GROUP + "]/SegmentId";

    private final MongoStatisticsStore store;
    private final DisputeIndexes.Mongo index;
    private final StatisticsModel model;
    /**
     * The last token this instance saw committed, by segment: the bucket guards' entries it covers are dropped at
     * the next write (see {@link BucketGuard}).
     */
    private final Map<String, TrackingToken> committed = new ConcurrentHashMap<>();

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
                BUFFER + System.identityHashCode(this), k -> startBatch(unitOfWork));
        buffer.at(position(message));
        new StatisticsModel(buffer, buffer).apply(payload, seq, message.getIdentifier());
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            buffer.flush();
        }
    }

    private static final String BUFFER = "statistics-buffer-";

    /**
     * The batch's buffer, with the stored facts of all the disputes its events are about already read, writing as the
     * batch's segment; when the batch is committed, its last token becomes the segment's committed one.
     */
    private BufferedStatisticsStore startBatch(UnitOfWork<?> unitOfWork) {
        List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batch ? batch.getMessages()
                : List.of(unitOfWork.getMessage());
        Object segmentId = unitOfWork.root().resources().get(SEGMENT_RESOURCE);
        TrackingToken last = token(messages.get(messages.size() - 1));
        BucketGuard.Writer writer = BucketGuard.Writer.NONE;
        if (segmentId != null && last != null && messages.stream().allMatch(m -> position(m) >= 0)) {
            String segment = segmentId.toString();
            writer = new BucketGuard.Writer(segment, committedBefore(segment, position(messages.get(0))));
            unitOfWork.root().afterCommit(u -> committed.put(segment, last));
        }
        BufferedStatisticsStore buffer = new BufferedStatisticsStore(store, index, writer);
        buffer.readAhead(disputes(messages));
        return buffer;
    }

    /**
     * The token known committed for the segment, unless it covers the batch's first event: then the processor went
     * back (a reset, or another instance's replay) and that token says nothing about the entries written since.
     */
    private TrackingToken committedBefore(String segment, long firstPosition) {
        TrackingToken token = committed.get(segment);
        if (token != null && BucketGuard.covers(token, firstPosition)) {
            committed.remove(segment, token);
            return null;
        }
        return token;
    }

    private static TrackingToken token(Message<?> message) {
        return message instanceof TrackedEventMessage<?> tracked ? tracked.trackingToken() : null;
    }

    private static long position(Message<?> message) {
        TrackingToken token = token(message);
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static List<String> disputes(List<? extends Message<?>> messages) {
        return messages.stream().map(m -> StatisticsModel.disputeOf(m.getPayload()))
                       .filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Applies a batch of events outside a processor (tools and benchmarks that feed recorded events), with the same
     * buffered writes as a processing batch.
     */
    public void applyBatch(List<? extends EventMessage<?>> messages) {
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
        committed.clear();
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
