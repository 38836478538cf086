package cn.mediation.core.eventstore;

import cn.mediation.core.testing.EmbeddedMongo;
import org.axonframework.eventhandling.DomainEventMessage;

import java.io.IOException;
import java.nio.file.Path;

import static cn.mediation.core.eventstore.StoreTestSupport.engineOn;
import static cn.mediation.core.eventstore.StoreTestSupport.event;

/**
 * The process {@link EventStoreDurabilityTest} kills: an embedded server on an H2 file, our engine with the H2 commit
 * as its durability barrier, and an endless run of single-event appends. After each append returns it prints
 * {@code ACK <event identifier>} and flushes.
 * <p>
 * Arguments: the H2 file, the database name, the aggregate identifier. It stops on its own after a bound number of
 * events, or as soon as its standard input ends (the test that started it is gone).
 */
public final class DurabilityWriter {

    static final String ACK = "ACK ";
    private static final long MAX_EVENTS = 5_000;

    private DurabilityWriter() {
    }

    public static void main(String[] args) {
        haltWhenTheParentGoesAway();
        Path file = Path.of(args[0]);
        String databaseName = args[1];
        String aggregateIdentifier = args[2];
        EmbeddedMongo mongo = EmbeddedMongo.onFile(file);
        MongoEventStorageEngine engine = engineOn(mongo.database(databaseName))
                .durabilityBarrier(mongo.backend()::sync)
                .build();
        for (long sequenceNumber = 0; sequenceNumber < MAX_EVENTS; sequenceNumber++) {
            DomainEventMessage<?> message = event(aggregateIdentifier, sequenceNumber);
            engine.appendEvents(message);
            System.out.println(ACK + message.getIdentifier());
            System.out.flush();
        }
        Runtime.getRuntime().halt(0);
    }

    /** The test holds our stdin open; end of input means it is gone, and so should we be. */
    private static void haltWhenTheParentGoesAway() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent on stdin; wait for its end
                }
            } catch (IOException e) {
                // treated as the end of input
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
