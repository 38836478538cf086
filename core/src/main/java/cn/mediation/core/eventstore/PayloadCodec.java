package cn.mediation.core.eventstore;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;

/**
 * Turns a serialized payload into its stored form and back, inside the storage engine: the one place every event
 * and snapshot passes on its way to and from MongoDB. The default changes nothing; the application plugs in
 * {@code cn.mediation.core.privacy.PersonalDataCodec} to keep personal data encrypted at rest.
 */
public interface PayloadCodec {

    PayloadCodec IDENTITY = new PayloadCodec() {
        @Override
        public JsonNode encode(String aggregateIdentifier, String payloadType, JsonNode payload) {
            return payload;
        }

        @Override
        public JsonNode decode(String aggregateIdentifier, String payloadType, JsonNode payload) {
            return payload;
        }
    };

    /**
     * The form to store. {@code aggregateIdentifier} is null for an event that belongs to no aggregate. May change
     * and return {@code payload}, which the engine serialized for this write alone.
     */
    JsonNode encode(String aggregateIdentifier, String payloadType, JsonNode payload);

    /** The serialized payload from its stored form. May change and return {@code payload}. */
    JsonNode decode(String aggregateIdentifier, String payloadType, JsonNode payload);

    /**
     * A codec to decode one batch of stored payloads with, told beforehand what the batch holds, so that it can
     * look up at once what it needs (one query for a tracking batch instead of one per event). Default: this one.
     */
    default PayloadCodec forReading(Collection<Stored> batch) {
        return this;
    }

    /** What the engine knows of a stored payload before decoding it. */
    record Stored(String aggregateIdentifier, String payloadType) {
    }
}
