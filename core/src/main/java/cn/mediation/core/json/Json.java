package cn.mediation.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The project's Jackson mappers. Dates are ISO strings, decimals keep their exact scale. No global default typing:
 * every stored message names its class in the event's payload type, never inside the JSON.
 */
public final class Json {

    private Json() {
    }

    /** For stored messages: tolerant of fields it does not know, so that old readers survive new event fields. */
    public static ObjectMapper messageMapper() {
        return base().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
    }

    /** For request bodies: an unknown field is an error the client is told about. */
    public static ObjectMapper strictMapper() {
        return base().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true).build();
    }

    private static JsonMapper.Builder base() {
        return JsonMapper.builder()
                         .addModule(new JavaTimeModule())
                         .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                         .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                         .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                         .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }
}
