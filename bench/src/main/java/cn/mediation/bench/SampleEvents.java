package cn.mediation.bench;

import cn.mediation.core.eventstore.BsonJson;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The events the benchmark writes: a small mediation-note payload (about 300 bytes of JSON, partly Chinese text) on
 * "Dispute" aggregates, as domain event messages for the engines and as log-shaped documents for the raw driver.
 */
final class SampleEvents {

    static final String AGGREGATE_TYPE = "Dispute";

    /** The payload: one note a mediator records on a dispute. */
    record MediationNoteRecorded(String disputeId, String mediator, String partyA, String partyB, String category,
                                 String note, long claimAmountFen, List<String> tags) {
    }

    private static final String[] MEDIATORS = {"王秀英", "李建国", "张丽华", "刘志强"};
    private static final String[] CATEGORIES = {"邻里纠纷", "婚姻家庭", "劳动争议", "物业纠纷", "合同纠纷"};
    private static final String[] NOTES = {
            "双方同意于本周五再次到调解室面谈，申请人补交维修费用票据。",
            "被申请人承认噪音问题，承诺晚十点后停止施工，调解员下周回访。",
            "已电话联系双方当事人，约定在社区调解室进行第二次调解。",
            "申请人要求赔偿误工费，被申请人对金额有异议，需补充证据。"};

    private SampleEvents() {
    }

    static String newAggregateId() {
        return UUID.randomUUID().toString();
    }

    static MediationNoteRecorded payload(String aggregateId, long n) {
        int i = (int) (n % 4);
        return new MediationNoteRecorded(aggregateId, MEDIATORS[i], "申请人-" + (n % 997), "被申请人-" + (n % 991),
                                         CATEGORIES[(int) (n % CATEGORIES.length)], NOTES[i], 150_000L + n % 10_000,
                                         List.of("回访", "第" + (n % 10 + 1) + "次"));
    }

    /** An event stamped now. */
    static DomainEventMessage<MediationNoteRecorded> event(String aggregateId, long sequenceNumber) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, sequenceNumber,
                                               payload(aggregateId, sequenceNumber));
    }

    /** An event with a given timestamp (bulk-loaded history, spread out in time like real traffic). */
    static DomainEventMessage<MediationNoteRecorded> event(String aggregateId, long sequenceNumber, Instant timestamp) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, sequenceNumber,
                                               payload(aggregateId, sequenceNumber), MetaData.emptyInstance(),
                                               UUID.randomUUID().toString(), timestamp);
    }

    /**
     * A history of {@code aggregates} aggregates with {@code eventsPerAggregate} events each, in chunks of
     * {@code aggregatesPerChunk} aggregates (one multi-event append per chunk). Timestamps are {@code spacing} apart,
     * ending now; within a chunk the aggregates' events are interleaved.
     */
    static List<List<DomainEventMessage<?>>> history(List<String> aggregateIds, int eventsPerAggregate,
                                                     int aggregatesPerChunk, Duration spacing) {
        long total = (long) aggregateIds.size() * eventsPerAggregate;
        Instant start = Instant.now().minus(spacing.multipliedBy(total));
        List<List<DomainEventMessage<?>>> chunks = new ArrayList<>();
        long n = 0;
        for (int from = 0; from < aggregateIds.size(); from += aggregatesPerChunk) {
            List<String> ids = aggregateIds.subList(from, Math.min(aggregateIds.size(), from + aggregatesPerChunk));
            List<DomainEventMessage<?>> chunk = new ArrayList<>(ids.size() * eventsPerAggregate);
            for (int seq = 0; seq < eventsPerAggregate; seq++) {
                for (String id : ids) {
                    chunk.add(event(id, seq, start.plus(spacing.multipliedBy(n++))));
                }
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * A document shaped like one entry of our engine's global log (same fields, same payload encoding), for the raw
     * driver baseline.
     */
    static Document logDocument(long id, DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<JsonNode> payload = serializer.serialize(event.getPayload(), JsonNode.class);
        SerializedObject<JsonNode> metaData = serializer.serialize(event.getMetaData(), JsonNode.class);
        return new Document("_id", id)
                .append("eventIdentifier", event.getIdentifier())
                .append("timestamp", Date.from(event.getTimestamp()))
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", BsonJson.toBson(payload.getData()))
                .append("metaData", BsonJson.toBson(metaData.getData()))
                .append("sequenceNumber", event.getSequenceNumber())
                .append("type", event.getType())
                .append("aggregateIdentifier", event.getAggregateIdentifier())
                .append("storedAt", new Date());
    }
}
