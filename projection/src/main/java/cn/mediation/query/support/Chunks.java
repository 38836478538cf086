package cn.mediation.query.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a batch's reads and bulk writes into commands of at most {@link #SIZE} documents: few round trips, and a bound
 * on how long one command holds the store (whether that helps the appends waiting behind it was not clear in the
 * measurements: see {@code docs/scaling.md}).
 */
public final class Chunks {

    public static final int SIZE = 100;

    private Chunks() {
    }

    /** The items in consecutive views of at most {@link #SIZE}. */
    public static <T> List<List<T>> of(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += SIZE) {
            chunks.add(items.subList(from, Math.min(items.size(), from + SIZE)));
        }
        return chunks;
    }
}
