package cn.mediation.core.eventstore;

import cn.mediation.core.eventstore.StoreTestSupport.MutableClock;
import cn.mediation.core.testing.TestMongo;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static cn.mediation.core.eventstore.StoreTestSupport.allocateWithoutWriting;
import static cn.mediation.core.eventstore.StoreTestSupport.engineOn;
import static cn.mediation.core.eventstore.StoreTestSupport.events;
import static cn.mediation.core.eventstore.StoreTestSupport.readAvailable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers taken from the counter by appends that never committed (the writer died, or lost its database, after
 * allocating) are not events: the last event position, which tells a processor it has caught up, stays at the last
 * event a tracker can actually deliver. Found by the crash-under-load test in {@code app}: after a SIGKILL with
 * appends in flight, no processor was ever "caught up" again until a new event arrived.
 */
class LastEventPositionTest {

    private final MutableClock clock = new MutableClock();
    private final MongoDatabase database = TestMongo.freshDatabase();

    @Test
    void numbersAllocatedButNeverWrittenAreBeyondTheLastEvent() {
        MongoEventStorageEngine engine = engineOn(database).clock(clock).build();
        assertThat(engine.lastEventPosition()).as("empty log").isEqualTo(engine.headPosition());

        engine.appendEvents(events("case-1", 0, 3));
        long lastEvent = engine.headPosition();
        assertThat(engine.lastEventPosition()).isEqualTo(lastEvent);

        allocateWithoutWriting(database, 3, clock.instant());
        allocateWithoutWriting(database, 600, clock.instant()); // more than one probe window
        clock.advance(Duration.ofSeconds(5));
        assertThat(engine.headPosition()).isEqualTo(lastEvent + 603);
        assertThat(engine.lastEventPosition()).isEqualTo(lastEvent);
        List<Long> delivered = readAvailable(engine, null).indexes();
        assertThat(delivered.get(delivered.size() - 1)).as("the furthest a tracker gets")
                                                        .isEqualTo(engine.lastEventPosition());

        engine.appendEvents(events("case-2", 0, 1));
        assertThat(engine.lastEventPosition()).as("after the next event").isEqualTo(engine.headPosition());
    }
}
