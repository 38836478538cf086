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
 * applied to it that their processor may not have committed yet, by processing segment. An event is recognised by a
 * hash of its identifier; with it goes the position of the tracking token it was delivered with, which says when the
 * entry may be dropped ({@code guard.<segment>}: entries sorted by position, each as the varint distance from the one
 * before and the 8-byte hash, in one binary value — where lists of numbers would cost the embedded server a
 * serialised object each).
 *
 * <p>A batch is written before its tracking token is stored, so after a crash the events since the segment's stored
 * token come again, and only those. A segment's entries are therefore dropped once the token the segment has
 * committed covers their positions; what stays is at most the batches not yet committed. (The position is the
 * token's, not the event's own place in the log: an event that fills a gap comes with the token's highest position,
 * which it may share with another event — fine for dropping, which is why events are told apart by hash.) Events fed
 * without a token (by tools, not by a processor) are remembered by hash alone under {@link #UNTRACKED}, the last
 * {@link #UNTRACKED_KEPT} of them.
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

        /** Whether this writer's committed token covers the token position {@code position} (see {@link #covers}). */
        boolean committed(long position) {
            return covers(committed, position);
        }

        boolean tracked() {
            return !UNTRACKED.equals(segment);
        }
    }

    /**
     * Whether every event delivered with a token at {@code position} or before it is among those the token says were
     * processed: the token is at or past the position and has no open gap at or below it. (A gap at or below it may
     * be the very event that came with that position, filling it.)
     */
    static boolean covers(TrackingToken token, long position) {
        if (token == null || position < 0) {
            return false;
        }
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        return lower instanceof GapAwareTrackingToken gapAware && position <= gapAware.getIndex()
                && (gapAware.getGaps().isEmpty() || gapAware.getGaps().first() > position);
    }

    /** One remembered event: the position of the token it came with, and its hash. */
    record Entry(long position, long hash) implements Comparable<Entry> {

        @Override
        public int compareTo(Entry other) {
            int byPosition = Long.compare(position, other.position);
            return byPosition != 0 ? byPosition : Long.compare(hash, other.hash);
        }
    }

    /** The hashes of every event the head remembers, of all segments. */
    private final Set<Long> applied = new HashSet<>();
    /** The writer's own entries kept from the head: tracked ones its committed token does not cover, or hashes. */
    private final java.util.TreeSet<Entry> kept = new java.util.TreeSet<>();
    private final List<Long> keptHashes = new ArrayList<>();
    private final Writer writer;
    private boolean added;

    /** The guard of a bucket as read in {@code head} (null: absent), about to be written by {@code writer}. */
    BucketGuard(Document head, Writer writer) {
        this.writer = writer;
        if (head != null && head.get(FIELD) instanceof Document guard) {
            for (Map.Entry<String, Object> entries : guard.entrySet()) {
                boolean own = entries.getKey().equals(writer.segment());
                if (UNTRACKED.equals(entries.getKey())) {
                    for (Object stored : (List<?>) entries.getValue()) {
                        long hash = ((Number) stored).longValue();
                        applied.add(hash);
                        if (own) {
                            keptHashes.add(hash);
                        }
                    }
                } else {
                    for (Entry entry : decode(entries.getValue())) {
                        applied.add(entry.hash());
                        if (own && !writer.committed(entry.position())) {
                            kept.add(entry);
                        }
                    }
                }
            }
        }
    }

    /** Remembers the event unless the guard holds it already; returns whether it is new (then apply it). */
    boolean add(long position, long hash) {
        if (!applied.add(hash)) {
            return false;
        }
        if (writer.tracked()) {
            kept.add(new Entry(position, hash));
        } else {
            keptHashes.add(hash);
        }
        added = true;
        return true;
    }

    /** Whether {@link #add} took any event. */
    boolean added() {
        return added;
    }

    /** The value of {@code guard.<segment>} to store: the writer's entries kept from the head plus the new ones. */
    Object stored() {
        if (writer.tracked()) {
            return encode(kept);
        }
        int from = Math.max(0, keptHashes.size() - UNTRACKED_KEPT);
        return new ArrayList<>(keptHashes.subList(from, keptHashes.size()));
    }

    /** The number of events a bucket document remembers, of all segments (for tests and checks). */
    static int size(Document bucket) {
        return new BucketGuard(bucket, Writer.NONE).applied.size();
    }

    /** Entries sorted by position: each as its position's distance from the one before (unsigned LEB128), then its hash. */
    static Binary encode(java.util.SortedSet<Entry> entries) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(entries.size() * 18);
        long previous = 0;
        for (Entry entry : entries) {
            long delta = entry.position() - previous;
            previous = entry.position();
            while ((delta & ~0x7FL) != 0) {
                bytes.put((byte) ((delta & 0x7F) | 0x80));
                delta >>>= 7;
            }
            bytes.put((byte) delta);
            bytes.putLong(entry.hash());
        }
        return new Binary(java.util.Arrays.copyOf(bytes.array(), bytes.position()));
    }

    static List<Entry> decode(Object stored) {
        List<Entry> entries = new ArrayList<>();
        if (stored == null) {
            return entries;
        }
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(stored instanceof Binary binary ? binary.getData()
                                                                     : (byte[]) stored);
        long previous = 0;
        while (bytes.hasRemaining()) {
            long delta = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes.get();
                delta |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            previous += delta;
            entries.add(new Entry(previous, bytes.getLong()));
        }
        return entries;
    }
}
