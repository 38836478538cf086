package cn.mediation.query.committee;

import com.mongodb.client.MongoDatabase;

import java.util.UUID;

/**
 * A copy of the committees' read model built from the log by a replay, in collections of its own that {@link #close()}
 * drops: what the roster was as the log stood at some point (a report reproduced as it was made), or what it should
 * be now (the replay check).
 */
public final class ScratchRoster implements AutoCloseable {

    private final CommitteeProjection projection;
    private final CommitteeQueries queries;

    /** Scratch collections' names: this prefix, when they were made (epoch seconds), a random part, the model's. */
    static final String PREFIX = "replay_";
    /** Older scratch collections than this belong to no replay still running: a process died during its replay. */
    static final java.time.Duration LEFT_OVER = java.time.Duration.ofHours(6);

    ScratchRoster(MongoDatabase database) {
        String prefix = PREFIX + java.time.Instant.now().getEpochSecond() + "_"
                        + UUID.randomUUID().toString().substring(0, 8) + "_";
        this.projection = new CommitteeProjection(database, prefix);
        this.queries = new CommitteeQueries(database, prefix);
    }

    /** Applies one event of the log, in the log's order (anything but a committee's event is ignored). */
    public void apply(Object payload, long seq) {
        projection.apply(payload, seq);
    }

    /** The roster's queries, over this copy. */
    public CommitteeQueries queries() {
        return queries;
    }

    CommitteeProjection projection() {
        return projection;
    }

    @Override
    public void close() {
        projection.drop();
    }

    /**
     * Drops the scratch collections a replay left when its process died (made more than {@link #LEFT_OVER} before
     * {@code now}; younger ones may belong to another instance's replay running now). Returns how many it dropped.
     */
    public static int dropLeftovers(MongoDatabase database, java.time.Instant now) {
        int dropped = 0;
        for (String name : database.listCollectionNames()) {
            String[] parts = name.split("_", 4);
            if (name.startsWith(PREFIX) && parts.length == 4 && parts[1].matches("\\d{1,12}")
                    && java.time.Instant.ofEpochSecond(Long.parseLong(parts[1])).plus(LEFT_OVER).isBefore(now)) {
                database.getCollection(name).drop();
                dropped++;
            }
        }
        return dropped;
    }
}
