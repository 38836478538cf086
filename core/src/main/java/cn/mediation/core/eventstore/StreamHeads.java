package cn.mediation.core.eventstore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last sequence number and hash of recently loaded or appended streams, whose events were all in the log
 * then, so that a commit right after a load need not read them again. Only a guess: the commit's
 * compare-and-set checks both, and a commit refused on a guess is made again after a read.
 */
final class StreamHeads {

    /** How many streams' last sequence number and hash are kept. */
    private static final int KNOWN_HEADS = 10_000;

    record StreamHead(long last, String hash) {
    }

    private final Map<String, StreamHead> heads = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, StreamHead> eldest) {
                    return size() > KNOWN_HEADS;
                }
            });

    StreamHead get(String aggregateIdentifier) {
        return heads.get(aggregateIdentifier);
    }

    void remember(String aggregateIdentifier, long last, String hash) {
        heads.put(aggregateIdentifier, new StreamHead(last, hash));
    }

    void forget(String aggregateIdentifier) {
        heads.remove(aggregateIdentifier);
    }
}
