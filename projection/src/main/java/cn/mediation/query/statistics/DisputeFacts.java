package cn.mediation.query.statistics;

import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the statistics need to know of one dispute: where it arose, its field, and its dated facts in the order they
 * happened (registration, resolutions, failures, escalations, incidents, follow-ups). Stored as one document per
 * dispute, keyed by its id.
 */
final class DisputeFacts {

    static final String REGISTERED = "REG";
    static final String RESOLVED = "RES";
    static final String FAILED = "FAIL";
    static final String ESCALATED = "ESC";
    static final String INCIDENT = "INC";
    static final String FOLLOW_UP = "FU";

    /** One dated fact; {@code a} and {@code b} are its attributes (grade and level, from and to, kind, score). */
    record Fact(String kind, LocalDate date, String a, String b) {
        Document toDocument() {
            return new Document("k", kind).append("d", date.toString()).append("a", a).append("b", b);
        }

        static Fact of(Document document) {
            return new Fact(document.getString("k"), LocalDate.parse(document.getString("d")), document.getString("a"),
                            document.getString("b"));
        }
    }

    final String villageCode;
    final String field;
    final String source;
    final LocalDate registeredOn;
    final List<Fact> facts;
    /** The latest risk grade from screening; resolutions record the grade they were reached under. */
    String grade;
    String handlingLevel;
    boolean open;

    DisputeFacts(String villageCode, String field, String source, LocalDate registeredOn, List<Fact> facts,
                 String grade, String handlingLevel, boolean open) {
        this.villageCode = villageCode;
        this.field = field;
        this.source = source;
        this.registeredOn = registeredOn;
        this.facts = facts;
        this.grade = grade;
        this.handlingLevel = handlingLevel;
        this.open = open;
    }

    Document toDocument() {
        return new Document("village", villageCode).append("field", field).append("source", source)
                                                    .append("registeredOn", registeredOn.toString())
                                                    .append("facts", facts.stream().map(Fact::toDocument).toList())
                                                    .append("grade", grade).append("level", handlingLevel)
                                                    .append("open", open);
    }

    static DisputeFacts of(Document document) {
        List<Fact> facts = new ArrayList<>();
        for (Document fact : document.getList("facts", Document.class)) {
            facts.add(Fact.of(fact));
        }
        return new DisputeFacts(document.getString("village"), document.getString("field"),
                                document.getString("source"), LocalDate.parse(document.getString("registeredOn")),
                                facts, document.getString("grade"), document.getString("level"),
                                document.getBoolean("open", false));
    }
}
