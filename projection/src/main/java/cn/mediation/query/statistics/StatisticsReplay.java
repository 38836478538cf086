package cn.mediation.query.statistics;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Replays the event log into the statistics model in memory: all of it (verification) or the events recorded up to
 * an instant (point-in-time figures). Reads the whole log in global order, so it costs time in proportion to it; the
 * live figures never do this.
 */
@Component
public class StatisticsReplay {

    /** Recorded times follow the global order only roughly; read this far past the instant before stopping. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

    private final EventStorageEngine engine;

    public StatisticsReplay(EventStorageEngine engine) {
        this.engine = engine;
    }

    StatisticsModel replayUntil(Instant asOf) {
        StatisticsModel model = new StatisticsModel(new MemoryStatisticsStore(), new DisputeIndexes.Memory());
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                if (asOf != null && message.getTimestamp().isAfter(asOf)) {
                    if (message.getTimestamp().isAfter(asOf.plus(CLOCK_SLACK))) {
                        break;
                    }
                    continue;
                }
                long seq = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
                model.apply(message.getPayload(), seq, message.getIdentifier());
            }
        }
        return model;
    }
}
