package cn.mediation.query.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a batch's reads and bulk writes into commands of at most {@link #SIZE} documents: few round trips, and no
 * command long enough to keep the store from the appends and reads waiting behind it.
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
