package cn.mediation.bench;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A store filled with a known history: {@code events} events over aggregates of {@code eventsPerAggregate} events,
 * bulk-loaded with multi-event appends and timestamps {@link #SPACING} apart (a steady stream of traffic, not one
 * instant). Remembers what the reads need: the aggregate ids and the event in the middle of the log.
 */
final class StoredHistory {

    /** Aggregates per bulk append: 100 aggregates x 10 events = 1,000 events per appendEvents call. */
    static final int AGGREGATES_PER_APPEND = 100;
    /** Time between two events of the loaded history. */
    static final Duration SPACING = Duration.ofMillis(10);

    final String label;
    final EventStorageEngine engine;
    final int events;
    final List<String> aggregateIds;
    /** The event at position events/2 (1-based) of the global order; a tracking batch from the middle follows it. */
    final DomainEventMessage<?> middleEvent;
    final double loadEventsPerSecond;
    /** The next free sequence number of each aggregate, for appends after the load. */
    final Map<String, Long> nextSequence = new HashMap<>();

    private StoredHistory(String label, EventStorageEngine engine, int events, List<String> aggregateIds,
                          DomainEventMessage<?> middleEvent, double loadEventsPerSecond) {
        this.label = label;
        this.engine = engine;
        this.events = events;
        this.aggregateIds = aggregateIds;
        this.middleEvent = middleEvent;
        this.loadEventsPerSecond = loadEventsPerSecond;
        int perAggregate = events / aggregateIds.size();
        aggregateIds.forEach(id -> nextSequence.put(id, (long) perAggregate));
    }

    /**
     * Loads the history through {@code loader} (after which {@code afterLoad} runs, e.g. one H2 commit) and returns it
     * to be read through {@code reader} (the same store).
     */
    static StoredHistory load(String label, EventStorageEngine loader, EventStorageEngine reader, int events,
                              int eventsPerAggregate, Runnable afterLoad) {
        if (events % eventsPerAggregate != 0) {
            throw new IllegalArgumentException("events must be a multiple of eventsPerAggregate");
        }
        List<String> ids = new ArrayList<>(events / eventsPerAggregate);
        for (int i = 0; i < events / eventsPerAggregate; i++) {
            ids.add(SampleEvents.newAggregateId());
        }
        List<List<DomainEventMessage<?>>> chunks =
                SampleEvents.history(ids, eventsPerAggregate, AGGREGATES_PER_APPEND, SPACING);
        DomainEventMessage<?> middle = null;
        int position = 0;
        for (List<DomainEventMessage<?>> chunk : chunks) {
            if (middle == null && position + chunk.size() >= events / 2) {
                middle = chunk.get(events / 2 - position - 1);
            }
            position += chunk.size();
        }
        Progress.say("bulk load: %,d events into %s", events, label);
        long start = System.nanoTime();
        for (List<DomainEventMessage<?>> chunk : chunks) {
            loader.appendEvents(chunk);
        }
        afterLoad.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new StoredHistory(label, reader, events, ids, middle, events / seconds);
    }
}
