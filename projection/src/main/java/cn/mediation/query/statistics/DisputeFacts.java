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
    static final String SCREENED = "SCR";
    static final String FULFILLED = "FUL";
    static final String CONFIRMED = "JC";

    /**
     * One dated fact; {@code a} and {@code b} are its attributes (grade and level, from and to, kind, score, the
     * screening decision), {@code c} a resolution's agreement (see {@link Agreement}).
     */
    record Fact(String kind, LocalDate date, String a, String b, String c) {
        Fact(String kind, LocalDate date, String a, String b) {
            this(kind, date, a, b, null);
        }

        Document toDocument() {
            Document document = new Document("k", kind).append("d", date.toString()).append("a", a).append("b", b);
            return c == null ? document : document.append("c", c);
        }

        static Fact of(Document document) {
            return new Fact(document.getString("k"), LocalDate.parse(document.getString("d")), document.getString("a"),
                            document.getString("b"), document.getString("c"));
        }
    }

    /**
     * What a resolution agreed, as the official report counts it: the form, the amount in fen, and the prevention
     * outcomes with their persons ({@code null}: not recorded). Kept in a fact as {@code FORM|fen|OUTCOME:persons,...}
     * with {@code -} for an amount or outcomes not recorded.
     */
    record Agreement(String form, long amountFen, java.util.Map<String, Integer> prevention) {

        static String encode(cn.mediation.core.dispute.AgreementForm form, java.math.BigDecimal amount,
                             List<cn.mediation.core.dispute.Prevention> prevention) {
            String fen = amount == null ? "-"
                    : amount.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
            String outcomes = prevention == null ? "-" : String.join(",", prevention.stream()
                    .map(p -> p.outcome().name() + ":" + p.persons()).toList());
            return (form == null ? "-" : form.name()) + "|" + fen + "|" + outcomes;
        }

        static Agreement decode(String text) {
            if (text == null) {
                return new Agreement(null, 0, null);
            }
            String[] parts = text.split("\\|", -1);
            java.util.Map<String, Integer> prevention = null;
            if (!parts[2].equals("-")) {
                prevention = new java.util.LinkedHashMap<>();
                for (String outcome : parts[2].split(",")) {
                    if (!outcome.isEmpty()) {
                        String[] kv = outcome.split(":");
                        prevention.put(kv[0], Integer.parseInt(kv[1]));
                    }
                }
            }
            return new Agreement(parts[0].equals("-") ? null : parts[0],
                                 parts[1].equals("-") ? 0 : Long.parseLong(parts[1]), prevention);
        }
    }

    final String villageCode;
    final String field;
    final String source;
    final LocalDate registeredOn;
    /** People involved, as registered (0 in facts stored before it was kept: those stores are rebuilt). */
    final int peopleInvolved;
    /** Who referred a referral ({@code null}: not a referral, or not recorded). */
    final String referredBy;
    final List<Fact> facts;
    /** The latest risk grade from screening; resolutions record the grade they were reached under. */
    String grade;
    String handlingLevel;
    boolean open;

    DisputeFacts(String villageCode, String field, String source, LocalDate registeredOn, int peopleInvolved,
                 String referredBy, List<Fact> facts, String grade, String handlingLevel, boolean open) {
        this.villageCode = villageCode;
        this.field = field;
        this.source = source;
        this.registeredOn = registeredOn;
        this.peopleInvolved = peopleInvolved;
        this.referredBy = referredBy;
        this.facts = facts;
        this.grade = grade;
        this.handlingLevel = handlingLevel;
        this.open = open;
    }

    Document toDocument() {
        return new Document("village", villageCode).append("field", field).append("source", source)
                                                    .append("registeredOn", registeredOn.toString())
                                                    .append("people", peopleInvolved).append("referredBy", referredBy)
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
                                document.getInteger("people", 0), document.getString("referredBy"), facts, document.getString("grade"), document.getString("level"),
                                document.getBoolean("open", false));
    }
}
