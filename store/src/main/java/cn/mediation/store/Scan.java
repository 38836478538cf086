package cn.mediation.store;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A key range read lazily in chunks: no engine iterator outlives one chunk, so a stream left unfinished (a query
 * with a limit) holds nothing open. Each chunk sees the last commit (and the open transaction of the thread).
 */
final class Scan implements Iterator<OrderedStore.Entry> {

    private static final int CHUNK = 256;
    private final OrderedStore store;
    private final byte[] to;
    private byte[] from;
    private List<OrderedStore.Entry> chunk = List.of();
    private int next;
    private boolean exhausted;

    private Scan(OrderedStore store, byte[] from, byte[] to) {
        this.store = store;
        this.from = from;
        this.to = to;
    }

    static Stream<OrderedStore.Entry> range(OrderedStore store, byte[] from, byte[] to) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Scan(store, from, to),
                                                                        Spliterator.ORDERED), false);
    }

    static Stream<OrderedStore.Entry> prefix(OrderedStore store, byte[] prefix) {
        return range(store, prefix, KeyCodec.successor(prefix));
    }

    @Override
    public boolean hasNext() {
        if (next < chunk.size()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        chunk = store.scan(from, to, CHUNK);
        next = 0;
        if (chunk.size() < CHUNK) {
            exhausted = true;
        }
        if (!chunk.isEmpty()) {
            from = KeyCodec.concat(chunk.get(chunk.size() - 1).key(), new byte[] {0});
        }
        return next < chunk.size();
    }

    @Override
    public OrderedStore.Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.get(next++);
    }
}
