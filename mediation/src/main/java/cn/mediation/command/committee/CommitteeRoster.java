package cn.mediation.command.committee;

import cn.mediation.core.committee.CommitteeEstablishedEvent;
import cn.mediation.core.committee.MediatorAppointedEvent;
import cn.mediation.core.committee.MediatorRemovedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a committee's roster straight from its event stream (a handful of events), so that a mediation command is
 * checked against the roster as it is now, with no read model in between.
 */
public class CommitteeRoster {

    private final EventStore eventStore;

    public CommitteeRoster(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public Optional<View> find(String committeeId) {
        View view = null;
        var stream = eventStore.readEvents(committeeId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            if (payload instanceof CommitteeEstablishedEvent established) {
                view = new View(established.committeeId(), established.name(), established.regionCode(),
                                established.field(), new LinkedHashMap<>());
            } else if (payload instanceof MediatorAppointedEvent appointed && view != null) {
                view.mediators().put(appointed.mediatorId(), appointed.name());
            } else if (payload instanceof MediatorRemovedEvent removed && view != null) {
                view.mediators().remove(removed.mediatorId());
            }
        }
        return Optional.ofNullable(view);
    }

    public record View(String committeeId, String name, String regionCode, String field,
                       Map<String, String> mediators) {
    }
}
