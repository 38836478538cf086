package cn.mediation.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every list in a request body is bounded while it is parsed: the element past {@code maxItems} stops the parse, so
 * a body of a hundred thousand {@code {}} parties costs no more than the bound (the rules' own limits, 50 parties,
 * are checked after parsing and say so in their words). Lists only: the requests hold no other collections.
 */
public final class BoundedLists extends SimpleModule {

    public BoundedLists(int maxItems) {
        super("bounded-lists");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription description,
                                                                    JsonDeserializer<?> deserializer) {
                return type.isTypeOrSuperTypeOf(ArrayList.class) ? new Bounded(type, null, maxItems) : deserializer;
            }
        });
    }

    /** The list that went past the bound; the problem handler names its field and this rule. */
    public static final class TooManyItems extends JsonMappingException {
        private final int maxItems;

        TooManyItems(JsonParser parser, int maxItems) {
            super(parser, "must list at most " + maxItems + " items");
            this.maxItems = maxItems;
        }

        public String rule() {
            return "must list at most " + maxItems + " items";
        }
    }

    private static final class Bounded extends StdDeserializer<List<Object>> implements ContextualDeserializer {
        private final JavaType type;
        private final JsonDeserializer<Object> elements;
        private final int maxItems;

        Bounded(JavaType type, JsonDeserializer<Object> elements, int maxItems) {
            super(type);
            this.type = type;
            this.elements = elements;
            this.maxItems = maxItems;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            return new Bounded(type, context.findContextualValueDeserializer(type.getContentType(), property),
                               maxItems);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Object> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartArrayToken()) {
                return (List<Object>) context.handleUnexpectedToken(type, parser);
            }
            List<Object> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (items.size() >= maxItems) {
                    throw new TooManyItems(parser, maxItems);
                }
                items.add(token == JsonToken.VALUE_NULL ? elements.getNullValue(context)
                                  : elements.deserialize(parser, context));
            }
            return items;
        }
    }
}
