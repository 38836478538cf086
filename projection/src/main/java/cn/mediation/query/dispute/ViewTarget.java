package cn.mediation.query.dispute;

import org.bson.Document;

import java.util.function.UnaryOperator;

/** Where dispute views are written: MongoDB with the list indexes (live), or memory (a case as it stood then). */
interface ViewTarget {

    /** Applies the change to the view of {@code id} unless it has seen sequence {@code seq} already. */
    void apply(String id, long seq, UnaryOperator<Document> change);

    void clear();
}
