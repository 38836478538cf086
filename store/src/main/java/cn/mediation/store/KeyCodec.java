package cn.mediation.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Index keys as bytes whose unsigned order is MongoDB's comparison order for the types this project stores: first the
 * type bracket (MinKey &lt; null &lt; numbers &lt; strings &lt; objects &lt; arrays &lt; binary &lt; ObjectId &lt;
 * booleans &lt; dates &lt; timestamps &lt; MaxKey), then the value. Values that MongoDB holds equal encode equally
 * ({@code 1}, {@code 1L} and {@code 1.0}; {@code -0.0} and {@code 0.0}), so a unique index refuses them as one key.
 * Every encoding is self-delimiting, so a compound key is its parts one after the other and an equality prefix is a
 * byte prefix. Longs beyond 2^53 order by their nearest double first (an equality stays exact).
 */
final class KeyCodec {

    static final byte MIN_KEY = 0x05;
    static final byte NULL = 0x0A;
    static final byte NUMBER = 0x14;
    static final byte STRING = 0x1E;
    static final byte OBJECT = 0x28;
    static final byte ARRAY = 0x32;
    static final byte BINARY = 0x3C;
    static final byte OBJECT_ID = 0x46;
    static final byte BOOLEAN = 0x50;
    static final byte DATE = 0x5A;
    static final byte TIMESTAMP = 0x64;
    static final byte OTHER = 0x6E;
    static final byte MAX_KEY = (byte) 0xFA;
    /** Ends an object or an array: below every type tag. */
    private static final byte END = 0x00;
    /** Follows a number's double when the exact long differs from it. */
    private static final byte EXACT_LONG = 0x01;
    private static final long TWO_53 = 1L << 53;

    private KeyCodec() {
    }

    /** The type bracket a value sorts in, or -1 when it cannot be compared by range here. */
    static int bracket(Object value) {
        if (value instanceof Number) {
            return NUMBER;
        }
        if (value instanceof String) {
            return STRING;
        }
        if (value instanceof Instant || value instanceof Date) {
            return DATE;
        }
        return -1;
    }

    static byte[] encode(Object value) {
        Out out = new Out();
        write(out, value);
        return out.toByteArray();
    }

    static byte[] encode(KeyValue key) {
        Out out = new Out();
        for (Object value : key) {
            write(out, value);
        }
        return out.toByteArray();
    }

    static void write(Out out, Object value) {
        if (value == null || value instanceof Missing) {
            out.write(NULL);
        } else if (value instanceof Number number) {
            out.write(NUMBER);
            writeNumber(out, number);
        } else if (value instanceof String string) {
            out.write(STRING);
            writeString(out, string);
        } else if (value instanceof Document || value instanceof Map<?, ?>) {
            out.write(OBJECT);
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.write(STRING);
                writeString(out, String.valueOf(entry.getKey()));
                write(out, entry.getValue());
            }
            out.write(END);
        } else if (value instanceof Collection<?> values) {
            out.write(ARRAY);
            for (Object element : values) {
                write(out, element);
            }
            out.write(END);
        } else if (value instanceof BinData binary) {
            writeBinary(out, binary.getData());
        } else if (value instanceof byte[] bytes) {
            writeBinary(out, bytes);
        } else if (value instanceof UUID uuid) {
            ByteBuffer bytes = ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            writeBinary(out, bytes.array());
        } else if (value instanceof ObjectId id) {
            out.write(OBJECT_ID);
            out.write(id.toByteArray(), 0, 12);
        } else if (value instanceof Boolean bool) {
            out.write(BOOLEAN);
            out.write(bool ? 1 : 0);
        } else if (value instanceof Instant instant) {
            out.write(DATE);
            writeLong(out, instant.toEpochMilli() ^ Long.MIN_VALUE);
        } else if (value instanceof Date date) {
            out.write(DATE);
            writeLong(out, date.getTime() ^ Long.MIN_VALUE);
        } else if (value instanceof BsonTimestamp timestamp) {
            out.write(TIMESTAMP);
            writeLong(out, timestamp.getValue());
        } else if (value instanceof MinKey) {
            out.write(MIN_KEY);
        } else if (value instanceof MaxKey) {
            out.write(MAX_KEY);
        } else {
            // regular expressions, JavaScript and the like: never range-scanned; equal values still encode equally
            out.write(OTHER);
            writeString(out, value.getClass().getSimpleName() + ":" + value);
        }
    }

    private static void writeNumber(Out out, Number number) {
        double asDouble;
        long exact = 0;
        boolean exactLong = false;
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            long value = number.longValue();
            asDouble = value;
            exactLong = value >= TWO_53 || value <= -TWO_53;
            exact = value;
        } else if (number instanceof Decimal128 decimal) {
            asDouble = decimal.doubleValue();
        } else {
            asDouble = number.doubleValue();
        }
        if (asDouble == 0.0) {
            asDouble = 0.0; // -0.0 and 0.0 are one value
        }
        long bits;
        if (Double.isNaN(asDouble)) {
            bits = 0; // NaN sorts below every other number, as in MongoDB
        } else {
            bits = Double.doubleToLongBits(asDouble);
            bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
            if (bits == 0) {
                bits = 1;
            }
        }
        writeLong(out, bits);
        if (exactLong && (long) asDouble != exact) {
            out.write(EXACT_LONG);
            writeLong(out, exact ^ Long.MIN_VALUE);
        }
    }

    /** UTF-8 (MongoDB's binary string order), each 0x00 written as 0x00 0xFF, ended by 0x00 0x01. */
    private static void writeString(Out out, String string) {
        byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(1);
    }

    private static void writeBinary(Out out, byte[] bytes) {
        out.write(BINARY);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void writeLong(Out out, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }

    /** The string written by {@link #encode} at {@code offset} of {@code key} (its type tag first). */
    static String decodeString(byte[] key, int offset) {
        if (key[offset] != STRING) {
            throw new IllegalArgumentException("Not a string key at " + offset);
        }
        Out utf8 = new Out();
        for (int i = offset + 1; i < key.length; i++) {
            if (key[i] == 0) {
                if (key[i + 1] == 1) {
                    break;
                }
                utf8.write(0);
                i++;
            } else {
                utf8.write(key[i]);
            }
        }
        return utf8.toString(StandardCharsets.UTF_8);
    }

    /** The smallest key above every key that starts with {@code prefix}, or null when there is none. */
    static byte[] successor(byte[] prefix) {
        byte[] next = prefix.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xFF) {
                next[i]++;
                return java.util.Arrays.copyOf(next, i + 1);
            }
        }
        return null;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }

    static final class Out extends ByteArrayOutputStream {
        Out() {
            super(32);
        }
    }
}
