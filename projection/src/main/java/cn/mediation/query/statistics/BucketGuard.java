package cn.mediation.query.statistics;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a statistics bucket remembers so that an event delivered again after a crash is not counted twice: the events
 * applied to it that their processor may not have committed yet, by processing segment, each as its position in the
 * event log and a hash of its identifier ({@code guard.<segment>.p} and {@code .h}).
 *
 * <p>A batch is written before its tracking token is stored, so after a crash the events since the segment's stored
 * token come again, and only those. A segment's entries are therefore dropped once the token the segment has
 * committed covers their positions; what stays is at most the batches not yet committed. Events without a position
 * (fed by tools, not by a processor) go under {@link #UNTRACKED} and the last {@link #UNTRACKED_KEPT} of them are
 * kept.
 */
final class BucketGuard {

    static final String FIELD = "guard";
    static final String UNTRACKED = "-";
    static final int UNTRACKED_KEPT = 4000;

    /**
     * Who writes a batch: the processing segment (or {@link #UNTRACKED}) and the token known to be committed for it,
     * whose covered entries may be dropped (null: drop none).
     */
    record Writer(String segment, TrackingToken committed) {

        static final Writer NONE = new Writer(UNTRACKED, null);

        /** Whether this writer's committed token covers the event at {@code position} (processed and stored). */
        boolean committed(long position) {
            return covers(committed, position);
        }
    }

    /** Whether the event at {@code position} is among those the token says were processed. */
    static boolean covers(TrackingToken token, long position) {
        if (token == null || position < 0) {
            return false;
        }
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        return lower instanceof GapAwareTrackingToken gapAware && position <= gapAware.getIndex()
                && !gapAware.getGaps().contains(position);
    }

    private BucketGuard() {
    }

    /** The hashes of every event a bucket head remembers, of all segments. */
    static Set<Long> applied(Document head) {
        Set<Long> applied = new HashSet<>();
        if (head != null && head.get(FIELD) instanceof Document guard) {
            for (Object entries : guard.values()) {
                for (Object hash : ((Document) entries).getList("h", Object.class, List.of())) {
                    applied.add(((Number) hash).longValue());
                }
            }
        }
        return applied;
    }

    /**
     * The writer's entries after adding the new events (position, hash): those already there that its committed token
     * does not cover, then the new ones.
     */
    static Document entries(Document head, Writer writer, List<Long> positions, List<Long> hashes) {
        List<Long> keptPositions = new ArrayList<>();
        List<Long> keptHashes = new ArrayList<>();
        if (head != null && head.get(FIELD) instanceof Document guard
                && guard.get(writer.segment()) instanceof Document own) {
            List<Object> p = own.getList("p", Object.class, List.of());
            List<Object> h = own.getList("h", Object.class, List.of());
            for (int i = 0; i < p.size(); i++) {
                long position = ((Number) p.get(i)).longValue();
                if (!writer.committed(position)) {
                    keptPositions.add(position);
                    keptHashes.add(((Number) h.get(i)).longValue());
                }
            }
        }
        keptPositions.addAll(positions);
        keptHashes.addAll(hashes);
        if (UNTRACKED.equals(writer.segment()) && keptHashes.size() > UNTRACKED_KEPT) {
            int from = keptHashes.size() - UNTRACKED_KEPT;
            keptPositions = new ArrayList<>(keptPositions.subList(from, keptPositions.size()));
            keptHashes = new ArrayList<>(keptHashes.subList(from, keptHashes.size()));
        }
        return new Document("p", keptPositions).append("h", keptHashes);
    }

    /** The number of entries a bucket document remembers, of all segments (for tests and checks). */
    static int size(Document bucket) {
        int size = 0;
        if (bucket != null && bucket.get(FIELD) instanceof Document guard) {
            for (Map.Entry<String, Object> entries : guard.entrySet()) {
                size += ((Document) entries.getValue()).getList("h", Object.class, List.of()).size();
            }
        }
        return size;
    }
}
