package cn.mediation.query.statistics;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a statistics bucket remembers so that an event delivered again after a crash is not counted twice: the events
 * applied to it that their processor may not have committed yet, by processing segment ({@code guard.<segment>}: the
 * events' positions in the event log, sorted, as varint deltas in one binary value — a few bytes per event, where a
 * list of numbers would cost the embedded server a serialised object each).
 *
 * <p>A batch is written before its tracking token is stored, so after a crash the events since the segment's stored
 * token come again, and only those. A segment's entries are therefore dropped once the token the segment has
 * committed covers their positions; what stays is at most the batches not yet committed. Events without a position
 * (fed by tools, not by a processor) are remembered by the hash of their identifier under {@link #UNTRACKED}, the
 * last {@link #UNTRACKED_KEPT} of them.
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

        boolean tracked() {
            return !UNTRACKED.equals(segment);
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

    /** The events a bucket head remembers, of all segments: positions of tracked ones, hashes of the others. */
    record Applied(Set<Long> positions, Set<Long> hashes) {

        /** Whether the event is remembered; if not, it is from now on (so a batch's repeats count once). */
        boolean add(long position, long hash) {
            return position >= 0 ? !positions.add(position) : !hashes.add(hash);
        }
    }

    static Applied applied(Document head) {
        Applied applied = new Applied(new HashSet<>(), new HashSet<>());
        if (head != null && head.get(FIELD) instanceof Document guard) {
            for (Map.Entry<String, Object> entries : guard.entrySet()) {
                if (UNTRACKED.equals(entries.getKey())) {
                    for (Object hash : (List<?>) entries.getValue()) {
                        applied.hashes().add(((Number) hash).longValue());
                    }
                } else {
                    for (long position : decode(entries.getValue())) {
                        applied.positions().add(position);
                    }
                }
            }
        }
        return applied;
    }

    /**
     * The writer's entries after adding the new events: those already there that its committed token does not
     * cover, then the new ones ({@code positions} for a tracked writer, {@code hashes} for {@link #UNTRACKED}).
     */
    static Object entries(Document head, Writer writer, List<Long> positions, List<Long> hashes) {
        Object own = head != null && head.get(FIELD) instanceof Document guard ? guard.get(writer.segment()) : null;
        if (!writer.tracked()) {
            List<Long> kept = new ArrayList<>();
            if (own != null) {
                ((List<?>) own).forEach(hash -> kept.add(((Number) hash).longValue()));
            }
            kept.addAll(hashes);
            return kept.size() > UNTRACKED_KEPT ? new ArrayList<>(kept.subList(kept.size() - UNTRACKED_KEPT,
                                                                                 kept.size())) : kept;
        }
        java.util.TreeSet<Long> kept = new java.util.TreeSet<>(positions);
        for (long position : decode(own)) {
            if (!writer.committed(position)) {
                kept.add(position);
            }
        }
        return encode(kept);
    }

    /** The number of entries a bucket document remembers, of all segments (for tests and checks). */
    static int size(Document bucket) {
        Applied applied = applied(bucket);
        return applied.positions().size() + applied.hashes().size();
    }

    /** Sorted positions as unsigned LEB128 varints: the first in full, each next as its distance from the one before. */
    static Binary encode(java.util.SortedSet<Long> positions) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(positions.size() * 2);
        long previous = 0;
        for (long position : positions) {
            long delta = position - previous;
            previous = position;
            while ((delta & ~0x7FL) != 0) {
                bytes.write((int) ((delta & 0x7F) | 0x80));
                delta >>>= 7;
            }
            bytes.write((int) delta);
        }
        return new Binary(bytes.toByteArray());
    }

    static long[] decode(Object stored) {
        if (stored == null) {
            return new long[0];
        }
        byte[] bytes = stored instanceof Binary binary ? binary.getData() : (byte[]) stored;
        long[] positions = new long[bytes.length];
        int count = 0;
        long previous = 0;
        int i = 0;
        while (i < bytes.length) {
            long delta = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[i++];
                delta |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            previous += delta;
            positions[count++] = previous;
        }
        return java.util.Arrays.copyOf(positions, count);
    }
}
