package cn.mediation.core.upcasting;

import cn.mediation.core.committee.CommitteeEstablishedEvent;
import cn.mediation.core.committee.MediatorAppointedEvent;
import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.DisputeResolvedEvent;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.util.List;

/**
 * Every upcaster of the project's events, oldest change first, in the order the chain must apply them. The
 * application registers these with its event storage engine; tests and tools that read a stored log use
 * {@link #chain()} so that they read it as the application does.
 *
 * <p>Changing the shape of a stored event: bump its {@code @Revision}, add an upcaster here from the previous
 * revision, and keep stored documents of the previous revision as fixtures (see
 * {@code core/src/test/resources/cn/mediation/core/dispute/revision1/}).
 */
public final class Upcasters {

    private Upcasters() {
    }

    public static List<EventUpcaster> all() {
        return List.of(new DisputeResolvedRevision2Upcaster(),
                       // the official report's dimensions: absent from older events, read as not recorded
                       new AddedFieldsUpcaster(DisputeResolvedEvent.class, "2", "3", List.of("prevention")),
                       new AddedFieldsUpcaster(DisputeRegisteredEvent.class, "1", "2", List.of("referredBy")),
                       new AddedFieldsUpcaster(CommitteeEstablishedEvent.class, "1", "2", List.of("kind", "trade")),
                       new AddedFieldsUpcaster(MediatorAppointedEvent.class, "1", "2", List.of("fullTime")));
    }

    public static EventUpcasterChain chain() {
        return new EventUpcasterChain(all());
    }
}
