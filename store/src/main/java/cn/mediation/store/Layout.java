package cn.mediation.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where everything lives in the one ordered key space, and how documents are written: as BSON bytes.
 * <pre>
 *   01 namespace                      → collection id (4 bytes)   the catalog of collections ("db.collection")
 *   02 collection id, index name      → index id (4 bytes)        the catalog of indexes
 *   03                                → the last id given out
 *   04 collection id                  → documents in it (8 bytes)
 *   05 index id                       → 1 once the index holds an array value (multikey)
 *   10 collection id, key(position)   → the document, BSON
 *   20 index id, key(value)[, key(position) when not unique] → {p: position}, BSON
 * </pre>
 */
final class Layout {

    static final byte COLLECTIONS = 0x01;
    static final byte INDEXES = 0x02;
    static final byte LAST_ID = 0x03;
    static final byte COUNT = 0x04;
    static final byte MULTIKEY = 0x05;
    static final byte DOCUMENTS = 0x10;
    static final byte INDEX_ENTRIES = 0x20;

    private Layout() {
    }

    static byte[] namespaceKey(String namespace) {
        return KeyCodec.concat(new byte[] {COLLECTIONS}, namespace.getBytes(StandardCharsets.UTF_8));
    }

    static String namespaceOf(byte[] key) {
        return new String(key, 1, key.length - 1, StandardCharsets.UTF_8);
    }

    static byte[] indexKey(int collectionId, String indexName) {
        return KeyCodec.concat(new byte[] {INDEXES}, id(collectionId), indexName.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] prefixed(byte tag, int id) {
        return KeyCodec.concat(new byte[] {tag}, id(id));
    }

    static byte[] id(int id) {
        return ByteBuffer.allocate(4).putInt(id).array();
    }

    static int readId(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getInt();
    }

    static byte[] longValue(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    static long readLong(byte[] bytes) {
        return bytes == null ? 0 : ByteBuffer.wrap(bytes).getLong();
    }

    static byte[] bson(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    static Document document(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    static byte[] position(Object position) {
        return bson(new Document("p", position));
    }

    static Object readPosition(byte[] bson) {
        return document(bson).get("p");
    }
}
