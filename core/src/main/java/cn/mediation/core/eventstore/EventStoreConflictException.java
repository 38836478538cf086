package cn.mediation.core.eventstore;

/**
 * Raised inside the engine when an append collides with what is already stored: the aggregate already has an event
 * at one of the sequence numbers, or an event identifier is taken. The engine hands it to Axon's
 * {@code PersistenceExceptionResolver}, which turns it into a {@code ConcurrencyException} (or
 * {@code AggregateStreamCreationException} for a first event).
 */
public class EventStoreConflictException extends RuntimeException {

    public EventStoreConflictException(String message) {
        super(message);
    }

    public EventStoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
