package cn.mediation.query.statistics;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.function.BiConsumer;
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
        return replayUntil(asOf, (payload, seq) -> { });
    }

    /** The same, handing every event replayed also to {@code alsoTo} (another read model checked in the same pass). */
    StatisticsModel replayUntil(Instant asOf, BiConsumer<Object, Long> alsoTo) {
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
                alsoTo.accept(message.getPayload(), seq);
            }
        }
        return model;
    }

    /**
     * The whole log folded as far as the cases' own business dates reach the end of {@code date}: every event dated
     * up to then, whenever it was recorded (an event without a business date, such as a committee's, always counts).
     */
    StatisticsModel replayUntilDate(LocalDate date) {
        StatisticsModel model = new StatisticsModel(new MemoryStatisticsStore(), new DisputeIndexes.Memory());
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                if (businessDate(message.getPayload()) instanceof LocalDate eventDate && eventDate.isAfter(date)) {
                    continue;
                }
                long seq = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
                model.apply(message.getPayload(), seq, message.getIdentifier());
            }
        }
        return model;
    }

    private static Object businessDate(Object payload) {
        if (payload.getClass().isRecord()) {
            for (RecordComponent component : payload.getClass().getRecordComponents()) {
                if (component.getName().equals("date")) {
                    try {
                        return component.getAccessor().invoke(payload);
                    } catch (ReflectiveOperationException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
