package cn.mediation.query.admin;

import cn.mediation.query.committee.CommitteeProjection;
import cn.mediation.query.committee.ScratchRoster;
import com.mongodb.client.MongoDatabase;
import cn.mediation.query.statistics.StatisticsProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, rebuilds from the event log a read model stored in a shape this version no longer reads (after an
 * upgrade that changed it), the same way {@code POST /api/admin/projections/{name}/rebuild} does; figures are those
 * of the rebuilt model as soon as the projection has caught up. Also drops the scratch collections of a replay whose
 * process died during it.
 */
@Component
public class OutdatedReadModels {

    private static final Logger LOG = LoggerFactory.getLogger(OutdatedReadModels.class);

    private final EventProcessingConfiguration processing;
    private final StatisticsProjection statistics;
    private final CommitteeProjection committees;

    private final MongoDatabase database;

    public OutdatedReadModels(EventProcessingConfiguration processing, StatisticsProjection statistics,
                              CommitteeProjection committees, MongoDatabase database) {
        this.database = database;
        this.processing = processing;
        this.statistics = statistics;
        this.committees = committees;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        rebuildOutdated();
        int dropped = ScratchRoster.dropLeftovers(database, java.time.Instant.now());
        if (dropped > 0) {
            LOG.info("Dropped {} collections a replay left when its process stopped", dropped);
        }
    }

    /** Rebuilds what is outdated; returns whether a rebuild was started. */
    public boolean rebuildOutdated() {
        boolean figures = statistics.outdated() && rebuild(StatisticsProjection.GROUP);
        boolean roster = committees.outdated() && rebuild(CommitteeProjection.GROUP);
        return figures || roster;
    }

    private boolean rebuild(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).map(processor -> {
            LOG.info("The {} read model was stored in an older shape: rebuilding it from the event log", group);
            processor.shutDown();
            try {
                processor.resetTokens();
                return true;
            } catch (RuntimeException e) {
                // several instances upgraded at once: another one holds a segment and rebuilds; this one goes on
                LOG.warn("Could not rebuild the {} read model here ({}); another instance holding its segments "
                         + "rebuilds it, or an administrator can", group, e.getClass().getSimpleName());
                return false;
            } finally {
                processor.start();
            }
        }).orElse(false);
    }
}
