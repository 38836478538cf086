package cn.mediation.core.eventstore;

/**
 * The writes one append makes: numbers are allocated first, then the stream commit, the copy, the barrier and the
 * mark (the constants are not in that order). A listener registered with
 * {@link MongoEventStorageEngineBuilder#stepListener} hears each as it completes; tests throw from it to stop an
 * append between two writes, as a crash would.
 */
public enum AppendStep {
    /** the events are in the aggregate's stream document, with a pending-copy marker */
    STREAM_COMMITTED,
    /** global sequence numbers are allocated from the counter */
    NUMBERS_ALLOCATED,
    /** the events are copied into the global log */
    COPIED,
    /** the durability barrier has run: the append is on disk */
    DURABLE,
    /** the pending-copy marker is removed */
    MARKER_CLEARED
}
