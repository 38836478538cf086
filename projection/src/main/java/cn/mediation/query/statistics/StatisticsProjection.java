package cn.mediation.query.statistics;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** The live statistics projection: every dispute and sweep event into {@link StatisticsModel} on MongoDB. */
@Component
@ProcessingGroup(StatisticsProjection.GROUP)
public class StatisticsProjection {

    public static final String GROUP = "statistics";

    private final MongoStatisticsStore store;
    private final DisputeIndexes.Mongo index;
    private final StatisticsModel model;

    public StatisticsProjection(MongoDatabase database) {
        this.store = new MongoStatisticsStore(database);
        this.index = new DisputeIndexes.Mongo(database);
        this.model = new StatisticsModel(store, index);
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        long seq = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
        model.apply(payload, seq, message.getIdentifier());
    }

    @ResetHandler
    void reset() {
        store.clear();
        index.clear();
    }

    StatisticsStore store() {
        return store;
    }

    StatisticsModel.DisputeIndex index() {
        return index;
    }
}
