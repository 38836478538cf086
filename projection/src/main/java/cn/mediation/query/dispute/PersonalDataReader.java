package cn.mediation.query.dispute;

import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.Party;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The parties in clear, for the dispute's own mediators only: read models keep masked forms alone, so the clear
 * values come from the registration in the event store, which opens them with the dispute's key. Who may call this
 * is decided by the caller; nothing here logs or keeps what it returns. After an erasure the names, ID numbers and
 * phones are null (the roles stay).
 */
@Component
public class PersonalDataReader {

    private final EventStorageEngine engine;

    public PersonalDataReader(EventStorageEngine engine) {
        this.engine = engine;
    }

    /** The registered parties of the dispute; empty if there is no such dispute. */
    public Optional<List<Party>> partiesOf(String disputeId) {
        if (disputeId == null || disputeId.length() > 64) {
            return Optional.empty();
        }
        DomainEventStream stream = engine.readEvents(disputeId, 0);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.next();
        return first.getPayload() instanceof DisputeRegisteredEvent registration
                ? Optional.of(List.copyOf(registration.parties()))
                : Optional.empty();
    }
}
