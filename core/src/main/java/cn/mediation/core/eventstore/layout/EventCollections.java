package cn.mediation.core.eventstore.layout;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * The event store's collections in a database, named in one place: each name behind the store's prefix (empty in
 * the application; tests and benchmarks give one so that several stores share a database). The engine, the
 * auditors ({@code AuditLedger}, {@code AuditVerifier}) and the log's export and import all reach them through this.
 */
public record EventCollections(MongoDatabase database, String prefix) {

    /** The global log, {@code _id} = global sequence number. */
    public static final String EVENTS = "events";
    /** One document per aggregate, {@code _id} = aggregate identifier. */
    public static final String STREAMS = "streams";
    /** The counter of the global sequence numbers. */
    public static final String SEQUENCE = "sequence";
    /** The latest snapshot per aggregate. */
    public static final String SNAPSHOTS = "snapshots";
    /** The sealed days of the tamper-evident log ({@code cn.mediation.core.audit.AuditLedger}). */
    public static final String AUDIT_DIGESTS = "audit_digests";

    /** The collections of a store without prefix, as the application keeps them. */
    public static EventCollections in(MongoDatabase database) {
        return new EventCollections(database, "");
    }

    public MongoCollection<Document> events() {
        return database.getCollection(prefix + EVENTS);
    }

    public MongoCollection<Document> streams() {
        return database.getCollection(prefix + STREAMS);
    }

    public MongoCollection<Document> sequence() {
        return database.getCollection(prefix + SEQUENCE);
    }

    public MongoCollection<Document> snapshots() {
        return database.getCollection(prefix + SNAPSHOTS);
    }

    public MongoCollection<Document> auditDigests() {
        return database.getCollection(prefix + AUDIT_DIGESTS);
    }
}
