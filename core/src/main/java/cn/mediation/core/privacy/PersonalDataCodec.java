package cn.mediation.core.privacy;

import cn.mediation.core.eventstore.PayloadCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Encrypts the personal fields of stored payloads (events and snapshots) under the aggregate's key, and decrypts
 * them on every read. Which fields: {@link PersonalFields} of the payload's class. A payload with none (most
 * events) passes untouched and costs one map lookup; one with some costs one {@code _id} lookup of its key.
 * <p>
 * Once the key is erased, reads give null for those fields, and writes store null (a late snapshot of state loaded
 * before the erasure must not bring the data back). A stored value that is not ciphertext is returned as it is, so
 * events written before this codec stay readable (and are not erased by it). A batch read ({@link #forReading})
 * looks up the keys of all its disputes in one query; keys are never kept beyond one read, so an erasure holds at
 * once.
 */
public class PersonalDataCodec implements PayloadCodec {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataCodec.class);

    private final PersonalKeyVault vault;
    private final ClassLoader classLoader;
    private final Map<String, List<PersonalFields.Path>> pathsByType;
    private final Function<String, Optional<SecretKey>> readingKeys;

    public PersonalDataCodec(PersonalKeyVault vault) {
        this(vault, PersonalDataCodec.class.getClassLoader());
    }

    public PersonalDataCodec(PersonalKeyVault vault, ClassLoader classLoader) {
        this(vault, classLoader, new ConcurrentHashMap<>(), vault::keyForReading);
    }

    private PersonalDataCodec(PersonalKeyVault vault, ClassLoader classLoader,
                              Map<String, List<PersonalFields.Path>> pathsByType,
                              Function<String, Optional<SecretKey>> readingKeys) {
        this.vault = vault;
        this.classLoader = classLoader;
        this.pathsByType = pathsByType;
        this.readingKeys = readingKeys;
    }

    /** This codec with the keys of the batch's disputes looked up in one query (only those with personal data). */
    @Override
    public PayloadCodec forReading(Collection<Stored> batch) {
        Set<String> needed = new LinkedHashSet<>();
        for (Stored stored : batch) {
            if (stored.aggregateIdentifier() != null && !pathsOf(stored.payloadType()).isEmpty()) {
                needed.add(stored.aggregateIdentifier());
            }
        }
        if (needed.isEmpty()) {
            return this;
        }
        Map<String, Optional<SecretKey>> keys = vault.keysForReading(needed);
        return new PersonalDataCodec(vault, classLoader, pathsByType,
                                     id -> keys.containsKey(id) ? keys.get(id) : vault.keyForReading(id));
    }

    @Override
    public JsonNode encode(String aggregateIdentifier, String payloadType, JsonNode payload) {
        List<PersonalFields.Path> paths = pathsOf(payloadType);
        if (paths.isEmpty()) {
            return payload;
        }
        if (aggregateIdentifier == null) {
            throw new IllegalArgumentException(payloadType + " holds personal data but belongs to no aggregate, "
                                                       + "so there is no key to encrypt it under");
        }
        Key key = new Key(() -> vault.keyForWriting(aggregateIdentifier));
        return transform(payload, paths, (where, value) -> {
            if (!value.isTextual()) {
                return value;
            }
            return key.get().<JsonNode>map(k -> text(FieldCipher.encrypt(k, aad(aggregateIdentifier, where),
                                                                              value.textValue())))
                      .orElse(JsonNodeFactory.instance.nullNode());
        });
    }

    @Override
    public JsonNode decode(String aggregateIdentifier, String payloadType, JsonNode payload) {
        List<PersonalFields.Path> paths = pathsOf(payloadType);
        if (paths.isEmpty() || aggregateIdentifier == null) {
            return payload;
        }
        Key key = new Key(() -> readingKeys.apply(aggregateIdentifier));
        return transform(payload, paths, (where, value) -> {
            if (!value.isTextual() || !FieldCipher.isCiphertext(value.textValue())) {
                return value;
            }
            return key.get().<JsonNode>map(k -> text(FieldCipher.decrypt(k, aad(aggregateIdentifier, where),
                                                                              value.textValue())))
                      .orElse(JsonNodeFactory.instance.nullNode());
        });
    }

    /** The associated data of one value: its aggregate and its concrete path, e.g. {@code parties[1].phone}. */
    static String aad(String aggregateIdentifier, String where) {
        return aggregateIdentifier + "|" + where;
    }

    private List<PersonalFields.Path> pathsOf(String payloadType) {
        if (payloadType == null) {
            return List.of();
        }
        return pathsByType.computeIfAbsent(payloadType, name -> {
            try {
                return PersonalFields.of(Class.forName(name, false, classLoader));
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("Payload type {} is not on the class path; stored as serialized", name);
                return List.of();
            }
        });
    }

    private static JsonNode transform(JsonNode payload, List<PersonalFields.Path> paths,
                                      BiFunction<String, JsonNode, JsonNode> change) {
        for (PersonalFields.Path path : paths) {
            visit(payload, path.segments(), 0, "", change);
        }
        return payload;
    }

    /** Replaces, in place, every non-null value the path reaches; {@code where} is the concrete path so far. */
    private static void visit(JsonNode node, List<String> segments, int at, String where,
                              BiFunction<String, JsonNode, JsonNode> change) {
        String segment = segments.get(at);
        boolean last = at == segments.size() - 1;
        if (segment.equals("[]")) {
            if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    String here = where + "[" + i + "]";
                    if (last) {
                        if (!array.get(i).isNull()) {
                            array.set(i, change.apply(here, array.get(i)));
                        }
                    } else {
                        visit(array.get(i), segments, at + 1, here, change);
                    }
                }
            }
        } else if (node instanceof ObjectNode object && object.hasNonNull(segment)) {
            String here = where.isEmpty() ? segment : where + "." + segment;
            if (last) {
                object.set(segment, change.apply(here, object.get(segment)));
            } else {
                visit(object.get(segment), segments, at + 1, here, change);
            }
        }
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }

    /** The aggregate's key, looked up once per payload and only if there is a value to encrypt or decrypt. */
    private static final class Key {
        private final java.util.function.Supplier<Optional<SecretKey>> lookup;
        private Optional<SecretKey> key;

        Key(java.util.function.Supplier<Optional<SecretKey>> lookup) {
            this.lookup = lookup;
        }

        Optional<SecretKey> get() {
            if (key == null) {
                key = lookup.get();
            }
            return key;
        }
    }
}
