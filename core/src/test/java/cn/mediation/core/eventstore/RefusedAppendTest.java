package cn.mediation.core.eventstore;

import cn.mediation.core.testing.TestMongo;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static cn.mediation.core.eventstore.StoreTestSupport.engineOn;
import static cn.mediation.core.eventstore.StoreTestSupport.event;
import static cn.mediation.core.eventstore.StoreTestSupport.readAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefusedAppendTest {

    @Test
    void aRefusedAppendDoesNotHoldTrackersBack() {
        // a hold-back far longer than the test: only void marks can let the tracker pass the refused numbers
        MongoEventStorageEngine engine = engineOn(TestMongo.freshDatabase()).holdBack(Duration.ofHours(1)).build();
        DomainEventMessage<?> first = event("case-1", 0);
        engine.appendEvents(first);
        engine.appendEvents(event("case-1", 1));
        assertThatThrownBy(() -> engine.appendEvents(event("case-1", 1))).isInstanceOf(ConcurrencyException.class);
        DomainEventMessage<?> second = event("case-1", 2);
        engine.appendEvents(second);

        assertThat(readAvailable(engine, null).identifiers())
                .hasSize(3).startsWith(first.getIdentifier()).endsWith(second.getIdentifier());
    }
}
