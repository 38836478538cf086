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

    ScratchRoster(MongoDatabase database) {
        String prefix = "replay_" + UUID.randomUUID().toString().substring(0, 8) + "_";
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
}
