package cn.mediation.core.audit;

/**
 * One thing the verifier found wrong, naming the event (or day) by identifiers only: never payload content, which
 * may be personal data. Fields that do not apply are null.
 */
public record AuditFinding(Kind kind, Long globalSequence, String aggregateIdentifier, Long sequenceNumber,
                           String eventIdentifier, String day, String message) {

    public enum Kind {
        /** the event's content no longer matches its hash, or its hash no longer matches the chain */
        EDITED,
        /** an event the aggregate's stream and chain say exists is not in the log */
        DELETED,
        /** events of one aggregate stand in the log in another order than their sequence numbers */
        REORDERED,
        /** a sealed day's events no longer give its sealed count and digest */
        DIGEST_MISMATCH,
        /**
         * a sealed day's count and digest are not the ones sealed under the deployment's key: the digest was
         * recomputed (with the events and their chains) or the seal removed
         */
        SEAL_MISMATCH,
        /**
         * a day digested before the deployment had its seal key (one of the days before the first sealed one): it
         * carries no seal, so only its digest vouches for it. Not a sign of an edit, but not proof against one
         * either (stripped seals look the same), so the report is not intact. A day without a seal after a sealed
         * one is a SEAL_MISMATCH.
         */
        SEALED_BEFORE_KEY
    }
}
