package cn.mediation.core.eventstore.layout;

/**
 * The names of the fields of the event store's documents, for every reader of the store (the engine, the auditors,
 * the log's export and import): a stored event, in the global log, in a stream's {@link #PENDING_EVENTS} or as a
 * snapshot; and a stream. The layout is described on {@code MongoEventStorageEngine}.
 */
public final class EventFields {

    // a stored event (its _id: the global sequence number in the log, the aggregate identifier for a snapshot)
    public static final String EVENT_IDENTIFIER = "eventIdentifier";
    public static final String TIMESTAMP = "timestamp";
    public static final String PAYLOAD_TYPE = "payloadType";
    public static final String PAYLOAD_REVISION = "payloadRevision";
    public static final String PAYLOAD = "payload";
    public static final String META_DATA = "metaData";
    public static final String SEQUENCE_NUMBER = "sequenceNumber";
    /** The aggregate type; null for an event of no aggregate (and then also in the stream). */
    public static final String TYPE = "type";
    public static final String AGGREGATE_IDENTIFIER = "aggregateIdentifier";
    /** When the number was allocated (log only). */
    public static final String STORED_AT = "storedAt";
    /** The event's hash; on a stream, its last event's. */
    public static final String HASH = "hash";
    /** The hash of the aggregate's previous event, absent for its first. */
    public static final String PREV = "prev";
    /** Marks a number of a refused append in the log. */
    public static final String VOID = "void";
    /** An event's global sequence number while it waits in its stream's {@link #PENDING_EVENTS}. */
    public static final String GLOBAL_SEQUENCE = "globalSequence";

    // a stream (_id: the aggregate identifier), beside TYPE and HASH
    /** The last sequence number committed. */
    public static final String LAST = "last";
    /** The last sequence number known to be in the global log. */
    public static final String COPIED = "copied";
    /** The first sequence number the stream holds. */
    public static final String BASE = "base";
    /** The global sequence number of each event, from {@link #BASE} on. */
    public static final String GLOBALS = "globals";
    /** When the commit whose copy into the log is not yet marked done was made. */
    public static final String PENDING = "pending";
    /** That commit's events, in their stored form with {@link #GLOBAL_SEQUENCE}. */
    public static final String PENDING_EVENTS = "pendingEvents";

    private EventFields() {
    }
}
