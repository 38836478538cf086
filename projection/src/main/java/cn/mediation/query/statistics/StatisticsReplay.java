package cn.mediation.query.statistics;

import cn.mediation.core.eventstore.EventLogPositions;
import cn.mediation.query.support.ReplayGate;
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
    /** How often (in events read) a replay notes its progress for the page that waits on it. */
    private static final int PROGRESS_EVERY = 1_000;

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
        long last = engine instanceof EventLogPositions log ? log.lastEventPosition() : -1;
        long read = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> message = iterator.next();
                if (++read % PROGRESS_EVERY == 0) {
                    ReplayGate.advance(position(message), last);
                }
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
        if (asOf == null) {
            ReplayGate.advance(last, last);   // all read: what remains is comparing
        }
        return model;
    }

    /** The log position of an event read from it (its global index), or 0 where the token tells none. */
    private static long position(TrackedEventMessage<?> message) {
        return message.trackingToken() == null ? 0 : message.trackingToken().position().orElse(0);
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
