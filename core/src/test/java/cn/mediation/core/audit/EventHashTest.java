package cn.mediation.core.audit;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventHashTest {

    private static Document event() {
        return new Document("_id", 7L)
                .append("aggregateIdentifier", "case-1")
                .append("type", "Dispute")
                .append("sequenceNumber", 3L)
                .append("eventIdentifier", "e-3")
                .append("timestamp", new Date(1_700_000_000_000L))
                .append("payloadType", "cn.example.Noted")
                .append("payloadRevision", "1")
                .append("payload", new Document("b", 1).append("a", new Document("y", "是").append("x", List.of(2, 1))))
                .append("metaData", new Document())
                .append("prev", "00ff")
                .append("storedAt", new Date(1_700_000_000_500L));
    }

    @Test
    void isTheHexSha256OfTheKeySortedCanonicalExtendedJson() {
        String canonical = EventHash.canonical(event());
        assertThat(canonical).startsWith("{\"aggregateIdentifier\": \"case-1\", \"eventIdentifier\": \"e-3\"")
                             .contains("\"payload\": {\"a\": {\"x\": [{\"$numberInt\": \"2\"}, {\"$numberInt\": \"1\"}],"
                                               + " \"y\": \"是\"}, \"b\": {\"$numberInt\": \"1\"}}")
                             .contains("\"sequenceNumber\": {\"$numberLong\": \"3\"}")
                             .doesNotContain("_id").doesNotContain("storedAt");
        assertThat(EventHash.of(event())).hasSize(64).isEqualTo(EventHash.sha256Hex(canonical));
    }

    @Test
    void ignoresTheGlobalSequenceStoredAtTheHashItselfAndTheOrderOfKeys() {
        Document renumbered = event();
        renumbered.put("_id", 99L);
        renumbered.put("storedAt", new Date());
        renumbered.put("hash", "whatever");
        Document reordered = new Document();
        List<String> keys = List.copyOf(event().keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reordered.append(keys.get(i), event().get(keys.get(i)));
        }
        assertThat(EventHash.of(renumbered)).isEqualTo(EventHash.of(event()));
        assertThat(EventHash.of(reordered)).isEqualTo(EventHash.of(event()));
    }

    @Test
    void changesWithEveryHashedFieldAndWithTheBsonTypeOfAValue() {
        String original = EventHash.of(event());
        for (String field : EventHash.HASHED_FIELDS) {
            Document changed = event();
            changed.put(field, "changed");
            assertThat(EventHash.of(changed)).as(field).isNotEqualTo(original);
        }
        Document asInt = event();
        asInt.put("sequenceNumber", 3);
        Document asDecimal = event();
        asDecimal.put("sequenceNumber", new Decimal128(new BigDecimal("3")));
        assertThat(EventHash.of(asInt)).isNotEqualTo(original).isNotEqualTo(EventHash.of(asDecimal));
        Document arrayReversed = event();
        arrayReversed.get("payload", Document.class).get("a", Document.class).put("x", List.of(1, 2));
        assertThat(EventHash.of(arrayReversed)).isNotEqualTo(original);
    }

    @Test
    void anAbsentFieldCountsAsNull() {
        Document withoutPrev = event();
        withoutPrev.remove("prev");
        Document nullPrev = event();
        nullPrev.put("prev", null);
        assertThat(EventHash.of(withoutPrev)).isEqualTo(EventHash.of(nullPrev));
    }
}
