package cn.mediation.app.axon;

import cn.mediation.query.admin.SegmentClaims;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments of a processor as axon-mongo's token store keeps them ({@code trackingtokens}: one document per
 * processor and segment, with the owner's node id, the claim's time and the serialized token), read without claiming
 * anything.
 */
final class TokenClaims implements SegmentClaims {

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final String nodeId;

    TokenClaims(MongoDatabase database, Serializer serializer, String nodeId) {
        this.tokens = database.getCollection("trackingtokens");
        this.serializer = serializer;
        this.nodeId = nodeId;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public List<Claim> claims(String processorName) {
        List<Claim> claims = new ArrayList<>();
        for (Document entry : tokens.find(new Document("processorName", processorName))
                                    .sort(Sorts.ascending("segment"))) {
            claims.add(new Claim(entry.getInteger("segment", 0), entry.getString("owner"), position(entry),
                                 claimedAt(entry.get("timestamp"))));
        }
        return claims;
    }

    private long position(Document entry) {
        Object data = entry.get("token");
        String type = entry.getString("tokenType");
        if (data == null || type == null) {
            return -1;
        }
        byte[] bytes = data instanceof Binary binary ? binary.getData()
                : data instanceof byte[] raw ? raw : data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static Instant claimedAt(Object timestamp) {
        if (timestamp instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        if (timestamp instanceof java.util.Date date) {
            return date.toInstant();
        }
        return timestamp == null ? null : Instant.parse(timestamp.toString());
    }
}
