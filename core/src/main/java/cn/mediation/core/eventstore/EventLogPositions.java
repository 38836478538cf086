package cn.mediation.core.eventstore;

import java.util.Map;

/**
 * What the read side asks of the event log beyond Axon's storage-engine contract: where the log ends, and where each
 * event of an aggregate stands in it. The read side depends on this, not on the engine that implements it.
 */
public interface EventLogPositions {

    /** The global sequence of the last event in the log: the furthest a tracker can get (below the first if empty). */
    long lastEventPosition();

    /** The global sequence of each event of the aggregate, by its sequence number in the aggregate. */
    Map<Long, Long> globalSequences(String aggregateIdentifier);
}
