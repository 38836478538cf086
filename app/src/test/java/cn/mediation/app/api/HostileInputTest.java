package cn.mediation.app.api;

import cn.mediation.app.storage.MongoConnection;
import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against every endpoint: more than 10,000 generated requests, each meant to be refused — wrong JSON
 * types, missing and unknown fields, huge strings and arrays, deep nesting, unicode edge cases (lone surrogates, RTL
 * and zero-width marks, emoji, NUL), invalid region codes, impossible dates, negative and huge amounts, malformed
 * JSON, wrong content types and methods, hostile ids, {@code If-Match} headers and query parameters, and no or a
 * broken login. For every one: no 5xx; a refusal is an RFC 9457 problem; a 400 names the offending field (or
 * {@code body} when the body as a whole is unreadable) and never echoes a huge value back; and the event store holds
 * exactly as many events afterwards as before.
 *
 * <p>Why seeded plain loops in a {@code @TestFactory} rather than jqwik: jqwik's {@code @Property} methods run
 * outside JUnit Jupiter's extension model, so Spring's extension would not hand them the shared running
 * application (its port, its beans), and jqwik's shrinking would replay requests against a server whose state moves
 * on. A seeded {@link Random} makes every run send the same requests (set {@code -Dhostile.seed=…} to explore other
 * ones); a failure lists the request it came from, which is what shrinking would have given.
 *
 * <p>Every request is sent as a user whose role may call the endpoint, so it reaches validation (a 403 would hide a
 * bug there); one group is sent without a valid login. Searches by {@code caseNumber} are the one place where a
 * hostile value is not a mistake: they are answered 200 with no items, and counted as such.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends AppTestBase {

    private static final Logger log = LoggerFactory.getLogger(HostileInputTest.class);
    private static final long SEED = Long.getLong("hostile.seed", 20_261_126L);
    /** Size of the "huge" strings and arrays; the refusal must not echo them. */
    private static final int HUGE_TEXT = 100_000;
    private static final int HUGE_ARRAY = 10_000;
    /** Jackson refuses documents nested deeper than 1,000 levels; these go well past it. */
    private static final int DEEP = 5_000;
    /** A refusal is short: a value sent in is never echoed back whole. */
    private static final int MAX_REFUSAL_CHARS = 4_000;

    private static final String VILLAGE = "511902101001";
    private static final String TOWN = "511902101000";
    private static final String COMMITTEE = "C" + VILLAGE;
    private static final String DATE = "2026-03-02";
    private static final List<String> PROJECTIONS = List.of("statistics", "dispute-views", "committees",
                                                            "personal-keys");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    private MongoConnection mongo;

    private final Random random = new Random(SEED);
    private final AtomicInteger serial = new AtomicInteger();
    private final Map<String, Integer> sentByGroup = new TreeMap<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private String disputeId;
    private long eventsBefore;
    private long started;

    /** A value written into JSON as it stands (malformed pieces, escapes Jackson would not write). */
    record Raw(String json) {
    }

    /** The field is left out of the body. */
    private static final Object MISSING = new Object();

    /** What a request must get: one of the statuses, and for a 400 an error naming {@code field} (null: any). */
    record Expect(Set<Integer> statuses, String field) {
        static Expect badRequest(String field) {
            return new Expect(Set.of(400), field);
        }
    }

    record Attack(String group, String method, String path, String user, Map<String, String> headers, byte[] body,
                  Expect expect, String what) {
    }

    enum Kind {
        TEXT, REQUIRED_TEXT, VILLAGE, REGION, FIELD_CODE, OPTIONAL_FIELD_CODE, DATE, OPTIONAL_DATE, UUID, SLUG, COUNT, AMOUNT, ENUM, BOOL,
        OPTIONAL_BOOL, NAMES, PARTIES, COMMITTEE_ID, MEDIATOR_IDS, USERNAME, PASSWORD, ROLE
    }

    /** One field of a request body: its kind and its limits (a length, or a range of whole numbers). */
    record Field(String name, Kind kind, int min, int max) {
        static Field of(String name, Kind kind) {
            return new Field(name, kind, 0, 0);
        }

        static Field text(String name, Kind kind, int max) {
            return new Field(name, kind, 0, max);
        }

        static Field count(String name, int min, int max) {
            return new Field(name, Kind.COUNT, min, max);
        }
    }

    /** A JSON endpoint: where, as whom, a valid body, and its fields. */
    record BodyEndpoint(String group, Supplier<String> path, String user, Supplier<Map<String, Object>> valid,
                        List<Field> fields, boolean onDispute) {
    }

    @BeforeAll
    void fixture() {
        cityUsers();
        Response registered = post("/api/disputes", DisputeApiTest.registration(newId()));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
        disputeId = registered.body().get("id").asText();
        eventsBefore = events();
        started = System.nanoTime();
    }

    private long events() {
        return mongo.database().getCollection("events").countDocuments(Filters.ne("void", true));
    }

    @TestFactory
    Stream<DynamicTest> hostileRequestsAreRefusedWithProblemsAndStoreNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BodyEndpoint endpoint : bodyEndpoints()) {
            int quota = endpoint.group().startsWith("dispute ") && !endpoint.group().equals("dispute register")
                    ? 260 : 700;
            tests.add(DynamicTest.dynamicTest(endpoint.group() + " · " + quota + " hostile bodies",
                                              () -> run(endpoint.group(), quota, () -> bodyAttack(endpoint))));
        }
        tests.add(DynamicTest.dynamicTest("DELETE personal-data · hostile ids and If-Match",
                                          () -> run("dispute erase", 300, this::eraseAttack)));
        tests.add(DynamicTest.dynamicTest("case lists · hostile parameters",
                                          () -> run("query disputes", 700, this::listAttack)));
        tests.add(DynamicTest.dynamicTest("one case, as of, history · hostile ids and instants",
                                          () -> run("query case", 400, this::caseAttack)));
        for (String path : List.of("/api/statistics", "/api/statistics/cases", "/api/statistics/trend",
                                   "/api/statistics/export")) {
            tests.add(DynamicTest.dynamicTest(path + " · hostile parameters",
                                              () -> run("query " + path.substring(5), 350,
                                                        () -> statisticsAttack(path))));
        }
        tests.add(DynamicTest.dynamicTest("directory, committees, projections · hostile parameters",
                                          () -> run("query directory", 400, this::directoryAttack)));
        tests.add(DynamicTest.dynamicTest("every endpoint · wrong content type",
                                          () -> run("wrong content type", 400, this::contentTypeAttack)));
        tests.add(DynamicTest.dynamicTest("every endpoint · wrong method",
                                          () -> run("wrong method", 300, this::methodAttack)));
        tests.add(DynamicTest.dynamicTest("every endpoint · no or a broken login",
                                          () -> run("no login", 300, this::loginAttack)));
        tests.add(DynamicTest.dynamicTest("nothing was stored, and more than 10,000 requests were sent",
                                          this::summary));
        return tests.stream();
    }

    private void run(String group, int count, Supplier<Attack> generator) {
        List<String> groupFailures = new ArrayList<>();
        long before = events();
        for (int i = 0; i < count; i++) {
            Attack attack = generator.get();
            String failure = check(attack);
            if (failure != null) {
                groupFailures.add(failure);
            }
        }
        long after = events();
        if (after != before) {
            groupFailures.add(group + ": the event count moved from " + before + " to " + after);
        }
        failures.addAll(groupFailures);
        assertThat(groupFailures).as(group + ": " + groupFailures.size() + " of " + count + " requests misanswered")
                                 .isEmpty();
    }

    private void summary() {
        int total = sentByGroup.values().stream().mapToInt(Integer::intValue).sum();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        log.info("Hostile input: {} requests in {} s (seed {}); by group {}; by status {}", total, seconds, SEED,
                 sentByGroup, statuses);
        assertThat(total).isGreaterThanOrEqualTo(10_000);
        assertThat(events()).as("events stored by refused requests").isEqualTo(eventsBefore);
        assertThat(failures).isEmpty();
    }

    // ------------------------------------------------------------------ the JSON endpoints and their fields

    private List<BodyEndpoint> bodyEndpoints() {
        List<BodyEndpoint> list = new ArrayList<>();
        list.add(new BodyEndpoint("dispute register", () -> "/api/disputes", MEDIATOR, () -> {
            Map<String, Object> body = DisputeApiTest.registration(newId());
            body.put("villageCode", VILLAGE);
            return body;
        }, List.of(Field.of("id", Kind.UUID), Field.of("villageCode", Kind.VILLAGE),
                   Field.of("field", Kind.FIELD_CODE), Field.of("source", Kind.ENUM),
                   Field.text("summary", Kind.REQUIRED_TEXT, 2000), Field.of("date", Kind.DATE),
                   Field.of("occurredOn", Kind.OPTIONAL_DATE), Field.count("peopleInvolved", 1, 100_000),
                   Field.of("amountInvolved", Kind.AMOUNT), Field.of("parties", Kind.PARTIES)), false));
        command(list, "/screening", body("grade", "MAJOR", "decision", "ACCEPT", "reason", "风险", "groupRisk", false,
                                         "criminalRisk", false),
                Field.of("grade", Kind.ENUM), Field.of("decision", Kind.ENUM), Field.text("reason", Kind.TEXT, 2000),
                Field.of("groupRisk", Kind.OPTIONAL_BOOL), Field.of("criminalRisk", Kind.OPTIONAL_BOOL));
        command(list, "/mediation", body("committeeId", COMMITTEE, "mediatorIds", List.of(COMMITTEE + "-M1"),
                                         "channel", "PEOPLES"),
                Field.of("committeeId", Kind.COMMITTEE_ID), Field.of("mediatorIds", Kind.MEDIATOR_IDS),
                Field.of("channel", Kind.ENUM));
        command(list, "/sessions", body("attendees", List.of("甲", "乙"), "notes", "调解"),
                Field.of("attendees", Kind.NAMES), Field.text("notes", Kind.TEXT, 2000));
        command(list, "/resolution", body("form", "WRITTEN", "terms", "达成协议", "amount", 100),
                Field.of("form", Kind.ENUM), Field.text("terms", Kind.REQUIRED_TEXT, 2000),
                Field.of("amount", Kind.AMOUNT));
        command(list, "/failure", body("reason", "分歧大"), Field.text("reason", Kind.REQUIRED_TEXT, 2000));
        command(list, "/escalation", body("to", "LITIGATION", "reason", "起诉"), Field.of("to", Kind.ENUM),
                Field.text("reason", Kind.REQUIRED_TEXT, 2000));
        command(list, "/escalation/acceptance", body());
        command(list, "/withdrawal", body("reason", "撤回"), Field.text("reason", Kind.TEXT, 2000));
        command(list, "/fulfilment", body("fulfilled", true), Field.of("fulfilled", Kind.BOOL));
        command(list, "/judicial-confirmation", body("court", "巴州区人民法院"),
                Field.text("court", Kind.REQUIRED_TEXT, 200));
        command(list, "/follow-up", body("satisfaction", 5, "notes", "满意"), Field.count("satisfaction", 1, 5),
                Field.text("notes", Kind.TEXT, 2000));
        command(list, "/reopening", body("reason", "未履行"), Field.text("reason", Kind.TEXT, 2000));
        command(list, "/closure", body("reason", "结案"), Field.text("reason", Kind.TEXT, 2000));
        command(list, "/incidents", body("kind", "GROUP_INCIDENT", "notes", "聚集"), Field.of("kind", Kind.ENUM),
                Field.text("notes", Kind.TEXT, 2000));
        list.add(new BodyEndpoint("sweep", () -> "/api/sweeps", MEDIATOR,
                                  () -> body("id", newId(), "villageCode", VILLAGE, "found", 3, "notes", "排查",
                                             "date", DATE),
                                  List.of(Field.of("id", Kind.UUID), Field.of("villageCode", Kind.VILLAGE),
                                          Field.count("found", 0, 10_000), Field.text("notes", Kind.TEXT, 2000),
                                          Field.of("date", Kind.DATE)), false));
        list.add(new BodyEndpoint("committee", () -> "/api/committees", ADMIN,
                                  () -> body("id", "fuzz-" + serial.incrementAndGet(), "name", "调解委员会",
                                             "regionCode", TOWN, "field", "NEIGHBOURS"),
                                  List.of(Field.of("id", Kind.SLUG), Field.text("name", Kind.REQUIRED_TEXT, 100),
                                          Field.of("regionCode", Kind.REGION), Field.of("field", Kind.OPTIONAL_FIELD_CODE)),
                                  false));
        list.add(new BodyEndpoint("mediator", () -> "/api/committees/" + COMMITTEE + "/mediators", ADMIN,
                                  () -> body("mediatorId", "fuzz-m-" + serial.incrementAndGet(), "name", "张调解",
                                             "date", DATE),
                                  List.of(Field.of("mediatorId", Kind.SLUG),
                                          Field.text("name", Kind.REQUIRED_TEXT, 50), Field.of("date", Kind.DATE)),
                                  false));
        list.add(new BodyEndpoint("user", () -> "/api/admin/users", ADMIN,
                                  () -> body("username", "fuzz-u-" + serial.incrementAndGet(),
                                             "password", "long-enough-password", "role", "ANALYST", "region", TOWN),
                                  List.of(Field.of("username", Kind.USERNAME), Field.of("password", Kind.PASSWORD),
                                          Field.of("role", Kind.ROLE), Field.of("region", Kind.REGION)), false));
        return list;
    }

    private void command(List<BodyEndpoint> list, String suffix, Map<String, Object> valid, Field... fields) {
        List<Field> all = new ArrayList<>(List.of(fields));
        all.add(Field.of("date", Kind.DATE));
        list.add(new BodyEndpoint("dispute " + suffix.substring(1), () -> "/api/disputes/" + disputeId + suffix,
                                  MEDIATOR, () -> {
                                      Map<String, Object> body = new LinkedHashMap<>(valid);
                                      body.put("date", DATE);
                                      return body;
                                  }, all, true));
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    // ------------------------------------------------------------------ generators

    /** One hostile request to a JSON endpoint: a broken field, a broken body, a hostile id or If-Match header. */
    private Attack bodyAttack(BodyEndpoint endpoint) {
        Map<String, Object> body = endpoint.valid().get();
        String path = endpoint.path().get();
        Map<String, String> headers = new LinkedHashMap<>();
        int roll = random.nextInt(100);
        if (endpoint.onDispute() && roll < 8) {
            String id = hostileId();
            return json(endpoint, "POST", path.replace(disputeId, id), body, headers, Expect.badRequest("id"),
                        "hostile id");
        }
        if (endpoint.onDispute() && roll < 12) {
            headers.put("If-Match", hostileIfMatch());
            return json(endpoint, "POST", path, body, headers, new Expect(Set.of(400, 412), "If-Match"),
                        "hostile If-Match");
        }
        if (endpoint.onDispute() && roll < 14) {
            // a well-formed id of no dispute: validation first, then 404
            return json(endpoint, "POST", path.replace(disputeId, newId()), body, headers,
                        new Expect(Set.of(404), null), "no such dispute");
        }
        if (endpoint.group().equals("mediator") && roll < 10) {
            String committee = (String) pick(hostileSlugs());
            return json(endpoint, "POST", "/api/committees/" + encode(committee) + "/mediators", body, headers,
                        Expect.badRequest("committeeId"), "hostile committee id");
        }
        if (roll < 26 || endpoint.fields().isEmpty()) {
            return bodyLevel(endpoint, path, body);
        }
        Field field = pick(endpoint.fields());
        Object bad = invalid(field, body);
        if (bad == MISSING) {
            body.remove(field.name());
        } else {
            body.put(field.name(), bad);
        }
        if (random.nextBoolean()) {
            laceTheOtherTexts(endpoint, body, field);
        }
        // a number longer than Jackson's limit (1,000 digits) is refused by the parser, which does not say where
        boolean parserLimit = bad instanceof Raw raw && raw.json().length() > 1_000 && raw.json().matches("-?\\d.*");
        return json(endpoint, "POST", path, body, headers, Expect.badRequest(parserLimit ? "body" : field.name()),
                    field.name() + " ← " + describe(bad));
    }

    /** Unicode edge cases in the other free-text fields, still valid there: the broken field must be the one named. */
    private void laceTheOtherTexts(BodyEndpoint endpoint, Map<String, Object> body, Field broken) {
        for (Field field : endpoint.fields()) {
            if (field != broken && (field.kind() == Kind.TEXT || field.kind() == Kind.REQUIRED_TEXT)) {
                body.put(field.name(), new Raw(quote("甲" + pick(UNICODE) + pick(UNICODE) + "乙")));
            }
        }
    }

    private Attack bodyLevel(BodyEndpoint endpoint, String path, Map<String, Object> body) {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(9)) {
            case 0 -> {
                String unknown = pick(List.of("actor", "version", "__proto__", "constructor", "$where", "createdBy",
                                              "villagecode", "DATE", "a", "x" + pick(UNICODE),
                                              "k".repeat(5_000)));
                body.put(unknown, pick(List.<Object>of("x", 1, true, List.of(), Map.of())));
                return json(endpoint, "POST", path, body, headers,
                            Expect.badRequest(unknown.length() > 100 ? null : unknown), "unknown field");
            }
            case 1 -> {
                return raw(endpoint, path, pick(MALFORMED), null, "malformed JSON");
            }
            case 2 -> {
                return raw(endpoint, path, pick(List.of("", " ", "null", "[]", "[{}]", "1", "\"x\"", "true",
                                                        "\"" + "x".repeat(HUGE_TEXT) + "\"")),
                           "body", "a body that is not an object");
            }
            case 3 -> {
                String deep = random.nextBoolean() ? "[".repeat(DEEP) + "]".repeat(DEEP)
                        : "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP);
                return raw(endpoint, path, deep, null, "deep nesting, " + DEEP + " levels");
            }
            case 4 -> {
                if (endpoint.fields().isEmpty()) {
                    return raw(endpoint, path, "{\"date\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "}", "date",
                               "deep nesting in a field");
                }
                Field field = pick(endpoint.fields());
                body.put(field.name(), new Raw("[".repeat(DEEP) + "]".repeat(DEEP)));
                return json(endpoint, "POST", path, body, headers, Expect.badRequest(field.name()),
                            "deep nesting in " + field.name());
            }
            case 5 -> {
                // every field at once
                endpoint.fields().forEach(f -> body.put(f.name(), new Raw("{\"$gt\":\"\"}")));
                body.put("date", new Raw("{\"$gt\":\"\"}"));
                return json(endpoint, "POST", path, body, headers, Expect.badRequest(null), "operators everywhere");
            }
            case 6 -> {
                // a body of the wrong encoding: bytes that are not UTF-8
                byte[] bytes = serialize(body).getBytes(StandardCharsets.UTF_8);
                byte[] broken = new byte[bytes.length + 3];
                System.arraycopy(bytes, 0, broken, 0, bytes.length - 1);
                broken[bytes.length - 1] = (byte) 0xC3;
                broken[bytes.length] = (byte) 0x28;
                broken[bytes.length + 1] = (byte) 0xFF;
                broken[bytes.length + 2] = '}';
                return new Attack(endpoint.group(), "POST", path, endpoint.user(), jsonType(headers), broken,
                                  Expect.badRequest(null), "invalid UTF-8");
            }
            case 7 -> {
                // a string that never ends
                String json = serialize(body);
                return raw(endpoint, path, json.substring(0, json.length() - 1) + ",\"z\":\"" + "z".repeat(1000),
                           null, "unterminated");
            }
            default -> {
                body.clear();
                if (endpoint.fields().stream().noneMatch(f -> required(f.kind()))) {
                    body.put("date", "2026-02-30");
                }
                return json(endpoint, "POST", path, body, headers, Expect.badRequest(null), "empty object");
            }
        }
    }

    private static boolean required(Kind kind) {
        return switch (kind) {
            case TEXT, OPTIONAL_DATE, UUID, SLUG, AMOUNT, OPTIONAL_BOOL, OPTIONAL_FIELD_CODE -> false;
            default -> true;
        };
    }

    /** A value that breaks the field's rule — never one the field would accept. */
    private Object invalid(Field field, Map<String, Object> body) {
        Kind kind = field.kind();
        if (random.nextInt(8) == 0) {
            // the wrong JSON type (a list kind gets an object, any other kind a list or an object)
            boolean list = kind == Kind.NAMES || kind == Kind.PARTIES || kind == Kind.MEDIATOR_IDS;
            return list ? pick(List.<Object>of(Map.of("a", 1), "甲", new Raw("{}")))
                    : pick(List.<Object>of(Map.of("value", "x"), List.of(1, 2), new Raw("[\"" + "x" + "\"]")));
        }
        if (required(kind) && random.nextInt(8) == 0) {
            return random.nextBoolean() ? MISSING : null;
        }
        return switch (kind) {
            case TEXT, REQUIRED_TEXT -> tooLong(field.max());
            case VILLAGE -> pick(List.<Object>of(pick(BAD_REGIONS), TOWN, "511902000000", "511900000000",
                                                 huge("5")));
            case REGION -> pick(List.<Object>of(pick(BAD_REGIONS), huge("5")));
            case FIELD_CODE, OPTIONAL_FIELD_CODE -> pick(List.<Object>of("NO_SUCH_FIELD", "neighbours", "NEIGHBOURS\u200B", "邻里纠纷",
                                                    " NEIGHBOURS", new Raw(quote("NEIGH\uD800")), huge("N"),
                                                    "NEIGHBOURS\u0000"));
            case DATE -> pick(BAD_DATES);
            case OPTIONAL_DATE -> random.nextInt(4) == 0 ? "2026-03-03" /* after date */
                    : pick(BAD_DATES.stream().filter(d -> d != null && !(d instanceof String t && t.isBlank())).toList());
            case UUID -> pick(List.<Object>of("not-a-uuid", "123", newId() + "0", newId().replace('-', '_'),
                                              "{" + newId() + "}", new Raw(quote(newId().substring(0, 35) + "\uD800")),
                                              "ｆ" + newId().substring(1), huge("a")));
            case SLUG -> pick(hostileSlugs());
            case COUNT -> pick(List.<Object>of(field.min() - 1, field.max() + 1, -1, Integer.MIN_VALUE,
                                               new Raw("2147483648"), new Raw("99999999999999999999999"),
                                               new Raw("1e400"), "many", "", new Raw("NaN"), new Raw("-Infinity"),
                                               true, new Raw("0x10"), new Raw("1" + "0".repeat(2_000)),
                                               new Raw("+5"), new Raw("05")));
            case AMOUNT -> pick(List.<Object>of(-1, new Raw("-0.01"), new Raw("1000000000000"), new Raw("1e12"),
                                                new Raw("0.001"), new Raw("1e999999999"), new Raw("1e-999999999"),
                                                "NaN", "Infinity", new Raw("NaN"), new Raw("Infinity"),
                                                "一百元", new Raw("1" + "0".repeat(HUGE_ARRAY)),
                                                new Raw("-" + "9".repeat(900)), Map.of("yuan", 1)));
            case ENUM -> pick(List.<Object>of("NOPE", "accept", "major", "peoples", "written", "", " ",
                                              new Raw(quote("MAJOR\uDC00")), 999, -1,
                                              huge("A"), "\u202EROJAM", "重大"));
            case BOOL, OPTIONAL_BOOL -> pick(List.<Object>of("maybe", "yes", "是", Map.of(), List.of(true),
                                                            new Raw("tru"), huge("t")));
            case NAMES -> pick(List.<Object>of(huge(HUGE_ARRAY, "甲"), List.of(tooLong(50)), nullList(),
                                               List.of("甲", ""), List.of(List.of("甲")), List.of(Map.of())));
            case PARTIES -> badParties();
            case COMMITTEE_ID -> pick(List.<Object>of("C000000000000", "no-such-committee", tooLong(70),
                                                      huge("C"), "C511902101001\u200B", ""));
            case MEDIATOR_IDS -> pick(List.<Object>of(List.of(), huge(HUGE_ARRAY, COMMITTEE + "-M1"),
                                                      List.of("no-such-mediator"), nullList(),
                                                      List.of(huge("M")), List.of(COMMITTEE + "-M1\u202E")));
            case USERNAME -> pick(List.<Object>of("a", "x".repeat(33), "bad name", "ab\u0000", "ab\u200B", "😀😀",
                                                  "ab/../cd", "", huge("u"), new Raw(quote("ab\uD800"))));
            case PASSWORD -> pick(List.<Object>of("short", "", "汉".repeat(25), huge("p"), "123456789"));
            case ROLE -> pick(List.<Object>of("ROOT", "admin", "", "ADMIN ", "Role.ADMIN", huge("R"),
                                              "ＡＤＭＩＮ"));
        };
    }

    private Object badParties() {
        Map<String, Object> good = new LinkedHashMap<>(Map.of("role", "APPLICANT", "name", "王小明"));
        Map<String, Object> party = new LinkedHashMap<>(good);
        switch (random.nextInt(10)) {
            case 0 -> {
                return List.of();
            }
            case 1 -> {
                List<Object> many = new ArrayList<>();
                for (int i = 0; i < HUGE_ARRAY; i++) {
                    many.add(good);
                }
                return many;
            }
            case 2 -> {
                return nullList();
            }
            case 3 -> party.put("role", pick(List.of("JUDGE", "applicant", "")));
            case 4 -> party.put("name", pick(List.<Object>of(tooLong(50), "", " ", MISSING)));
            case 5 -> party.put("idNumber", pick(List.of("110105194912310021", "11010519491231002", "abc",
                                                        "110105202602300023", "１１０１０５１９４９１２３１００２Ｘ")));
            case 6 -> party.put("phone", pick(List.of("12345", "+8613812345678", "1381234567８", "138 1234 5678",
                                                     tooLong(20))));
            case 7 -> party.put("nickname", "unknown field");
            case 8 -> {
                return List.of(List.of(good));
            }
            default -> party.put("role", new Raw("[\"APPLICANT\"]"));
        }
        party.values().removeIf(value -> value == MISSING);
        return List.of(good, party);
    }

    private static List<Object> nullList() {
        List<Object> list = new ArrayList<>();
        list.add(null);
        return list;
    }

    private Attack eraseAttack() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            return new Attack("dispute erase", "DELETE", "/api/disputes/" + hostileId() + "/personal-data", ADMIN,
                              headers, null, Expect.badRequest("id"), "hostile id");
        }
        headers.put("If-Match", hostileIfMatch());
        return new Attack("dispute erase", "DELETE", "/api/disputes/" + disputeId + "/personal-data", ADMIN, headers,
                          null, new Expect(Set.of(400, 412), "If-Match"), "hostile If-Match");
    }

    private Attack listAttack() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("region", random.nextBoolean() ? CITY : TOWN);
        String param = pick(List.of("region", "handlingUnit", "status", "field", "overdue", "page", "size",
                                    "caseNumber"));
        String value = switch (param) {
            case "region", "handlingUnit" -> pick(BAD_REGION_TEXTS);
            case "status" -> pick(List.of("NOPE", "registered", "ESCALATED,NOPE", ",", "ESCALATED;DROP",
                                          "\u202EDESOLC", "%00", "ESCALATED\u0000X", "x".repeat(3_000)));
            case "field" -> pick(List.of("NO_SUCH", "neighbours", "邻里", "NEIGHBOURS\u200B", "x".repeat(3_000)));
            case "overdue" -> pick(List.of("yes", "1", "TRUE", "null", "true\u0000", "假"));
            case "page" -> pick(List.of("-1", "100001", "abc", "2147483648", "1e3", "1.5", "", "三"));
            case "size" -> pick(List.of("0", "201", "-5", "abc", "99999999999", "1.0", "", "二十"));
            default -> pick(List.of("'; DROP TABLE disputes; --", "{\"$ne\":null}", "\u202E", "😀",
                                    "x".repeat(3_000), "%", "\u0000", "巴州调字〔2026〕第999999号"));
        };
        if (value.isEmpty() && (param.equals("page") || param.equals("size"))) {
            value = "-1";
        }
        params.put(param, value);
        String user = pick(List.of(MEDIATOR, ANALYST, AUDITOR));
        if (param.equals("caseNumber")) {
            return new Attack("query disputes", "GET", "/api/disputes" + query(params), user, Map.of(), null,
                              new Expect(Set.of(200), null), "caseNumber search");
        }
        return new Attack("query disputes", "GET", "/api/disputes" + query(params), user, Map.of(), null,
                          refusal(param), param + " ← hostile");
    }

    /** A region code of the right form outside the caller's area is refused with 403 naming the parameter. */
    private static Expect refusal(String param) {
        return param.equals("region") || param.equals("handlingUnit") ? new Expect(Set.of(400, 403), param)
                : Expect.badRequest(param);
    }

    private Attack caseAttack() {
        switch (random.nextInt(4)) {
            case 0 -> {
                return new Attack("query case", "GET", "/api/disputes/" + disputeId + "?asOf="
                        + encode(pick(List.of("yesterday", "2026-02-30T00:00:00Z", "2026-03-02", "0",
                                              "2026-03-02T00:00:00", "20260302T000000Z",
                                              "2026-03-02T25:00:00Z", "2026-03-02T00:00:00+08:00 ", "\u0000",
                                              "9".repeat(3_000)))),
                                  AUDITOR, Map.of(), null, Expect.badRequest("asOf"), "hostile asOf");
            }
            case 1 -> {
                return new Attack("query case", "GET", "/api/disputes/" + hostileId(), AUDITOR, Map.of(), null,
                                  new Expect(Set.of(400, 404), "id"), "hostile id");
            }
            case 2 -> {
                return new Attack("query case", "GET", "/api/disputes/" + hostileId() + "/history", AUDITOR, Map.of(),
                                  null, new Expect(Set.of(400, 404), "id"), "hostile id, history");
            }
            default -> {
                return new Attack("query case", "GET", "/api/disputes/" + hostileId() + "?asOf=2026-03-02T00:00:00Z",
                                  AUDITOR, Map.of(), null, new Expect(Set.of(400, 404), "id"), "hostile id, as of");
            }
        }
    }

    private Attack statisticsAttack(String path) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("region", random.nextBoolean() ? CITY : TOWN);
        params.put("from", "2026-01-01");
        params.put("to", "2026-12-31");
        List<String> names = new ArrayList<>(List.of("region", "from", "to", "field"));
        switch (path) {
            case "/api/statistics" -> names.add("asOf");
            case "/api/statistics/cases" -> {
                params.put("figure", "registered");
                names.addAll(List.of("figure", "figure", "page", "size"));
            }
            case "/api/statistics/export" -> names.addAll(List.of("format", "format"));
            default -> {
            }
        }
        String param = pick(names);
        String value = switch (param) {
            case "region" -> pick(BAD_REGION_TEXTS);
            case "from", "to" -> pick(List.of("2026-02-30", "0000-01-01", "99999-01-01", "+99999-01-01",
                                              "1900-01-01", "3000-01-01", "2026-13-01", "2026/03/02", "today",
                                              "２０２６-０１-０１", "2026-1-1", "", "-2026-01-01", "2026-01-01\u0000",
                                              "9".repeat(3_000)));
            case "field" -> pick(List.of("NO_SUCH", "neighbours", "邻里", "\u202E", "x".repeat(3_000)));
            case "asOf" -> pick(List.of("yesterday", "2026-02-30T00:00:00Z", "1", "2026-03-02",
                                        "2026-03-02T00:00:00", "9".repeat(3_000)));
            case "figure" -> pick(List.of("nope", "REGISTERED", "", "registered\u200B", "__proto__",
                                          "x".repeat(3_000)));
            case "page" -> pick(List.of("-1", "100001", "abc", "2147483648", ""));
            case "size" -> pick(List.of("0", "501", "-5", "abc", "1.0"));
            default -> pick(List.of("pdf", "xlsx2", "xls", "../../etc/passwd", "csv\u0000x", "x".repeat(3_000)));
        };
        if (param.equals("page") && value.isEmpty()) {
            value = "-1";
        }
        if (param.equals("to") && random.nextInt(4) == 0) {
            value = pick(List.of("2025-12-31", "2046-01-01", "2099-12-31"));  // before from, or too long a period
            if (path.endsWith("trend")) {
                value = "2029-01-01";
            }
        }
        if (value.isEmpty() && !(param.equals("from") || param.equals("to") || param.equals("figure"))) {
            value = "x";
        }
        params.put(param, value);
        String user = param.equals("asOf") ? AUDITOR : pick(List.of(ANALYST, AUDITOR));
        return new Attack("query " + path.substring(5), "GET", path + query(params), user, Map.of(), null,
                          refusal(param), param + " ← hostile");
    }

    private Attack directoryAttack() {
        switch (random.nextInt(6)) {
            case 4 -> {
                // a village's sweeps of a month: a hostile village, or a good village and a hostile month
                if (random.nextBoolean()) {
                    return new Attack("query directory", "GET", "/api/sweeps?month=2026-03&village="
                            + encode(pick(BAD_REGION_TEXTS)), pick(List.of(MEDIATOR, ANALYST, AUDITOR)), Map.of(), null,
                                      Expect.badRequest("village"), "hostile village");
                }
                String month = pick(List.of("2026-13", "2026-3", "26-03", "", "2026-03-01", "x".repeat(300), "😀",
                                            "2026-00"));
                return new Attack("query directory", "GET", "/api/sweeps?village=" + VILLAGE + "&month=" + encode(month),
                                  pick(List.of(MEDIATOR, ANALYST, AUDITOR)), Map.of(), null,
                                  Expect.badRequest("month"), "hostile month");
            }
            case 0 -> {
                return new Attack("query directory", "GET", "/api/regions?parent=" + encode(pick(BAD_REGION_TEXTS)),
                                  pick(List.of(MEDIATOR, ANALYST, AUDITOR, ADMIN)), Map.of(), null,
                                  new Expect(Set.of(400, 404), "parent"), "hostile parent");
            }
            case 1 -> {
                return new Attack("query directory", "GET", "/api/regions/" + encode(pick(BAD_REGION_TEXTS)),
                                  pick(List.of(MEDIATOR, ANALYST, AUDITOR, ADMIN)), Map.of(), null,
                                  new Expect(Set.of(400, 404), "code"), "hostile code");
            }
            case 2 -> {
                String region = random.nextInt(5) == 0 ? "" : "?region=" + encode(pick(BAD_REGION_TEXTS));
                return new Attack("query directory", "GET", "/api/committees" + region,
                                  pick(List.of(MEDIATOR, ANALYST, AUDITOR, ADMIN)), Map.of(), null,
                                  Expect.badRequest("region"), "hostile region");
            }
            default -> {
                String name = pick(List.of("no-such", "statistics ", "Statistics", "dispute-views\u0000", "..",
                                           "x".repeat(300), "\u202E", "😀", "%2e%2e"));
                return new Attack("query directory", "POST", "/api/admin/projections/" + encode(name) + "/rebuild",
                                  ADMIN, Map.of(), null, new Expect(Set.of(400, 404), "name"), "no such projection");
            }
        }
    }

    private Attack contentTypeAttack() {
        BodyEndpoint endpoint = pick(bodyEndpoints());
        String type = pick(List.of("text/plain", "application/x-www-form-urlencoded", "application/xml",
                                   "text/xml", "multipart/form-data", "multipart/form-data; boundary=xyz",
                                   "application/octet-stream", "application/json-patch+json", "text/json",
                                   "application/json; charset=nonsense", "application/json; charset=\"",
                                   "application", "application/", "*/*", "application/*", "image/png",
                                   "application/json;;;=", "text/html; charset=utf-8"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", type);
        String body = switch (type) {
            case "application/x-www-form-urlencoded" -> "villageCode=" + VILLAGE + "&date=" + DATE;
            case "application/xml", "text/xml" -> "<dispute><date>" + DATE + "</date></dispute>";
            default -> serialize(endpoint.valid().get());
        };
        return new Attack("wrong content type", "POST", endpoint.path().get(), endpoint.user(), headers,
                          body.getBytes(StandardCharsets.UTF_8), new Expect(Set.of(400, 415), "Content-Type"), type);
    }

    private Attack methodAttack() {
        List<String[]> calls = List.of(
                new String[]{"PUT", "/api/disputes", MEDIATOR}, new String[]{"PATCH", "/api/disputes/" + disputeId,
                                                                             MEDIATOR},
                new String[]{"DELETE", "/api/disputes/" + disputeId, ADMIN},
                new String[]{"GET", "/api/disputes/" + disputeId + "/screening", MEDIATOR},
                new String[]{"PUT", "/api/disputes/" + disputeId + "/closure", MEDIATOR},
                new String[]{"PUT", "/api/sweeps", MEDIATOR}, new String[]{"DELETE", "/api/sweeps", MEDIATOR},
                new String[]{"PUT", "/api/admin/users", ADMIN}, new String[]{"DELETE", "/api/admin/users", ADMIN},
                new String[]{"PATCH", "/api/admin/users", ADMIN},
                new String[]{"GET", "/api/admin/projections/statistics/rebuild", ADMIN},
                new String[]{"DELETE", "/api/admin/projections", ADMIN},
                new String[]{"POST", "/api/admin/projections/verify", ADMIN},
                new String[]{"PUT", "/api/committees/" + COMMITTEE + "/mediators", ADMIN},
                new String[]{"POST", "/api/statistics", ANALYST}, new String[]{"POST", "/api/regions", ANALYST},
                new String[]{"DELETE", "/api/fields", ADMIN}, new String[]{"HEAD", "/api/sweeps", MEDIATOR},
                new String[]{"GET", "/api/disputes/" + disputeId + "/personal-data", ADMIN});
        String[] call = pick(calls);
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = null;
        if (!call[0].equals("GET") && !call[0].equals("HEAD") && random.nextBoolean()) {
            headers.put("Content-Type", "application/json");
            body = "{\"date\":\"2026-03-02\"}".getBytes(StandardCharsets.UTF_8);
        }
        return new Attack("wrong method", call[0], call[1], call[2], headers, body,
                          new Expect(Set.of(403, 405), null), call[0] + " " + call[1]);
    }

    private Attack loginAttack() {
        BodyEndpoint endpoint = pick(bodyEndpoints());
        Map<String, String> headers = new LinkedHashMap<>();
        String authorization = pick(List.of("", "Basic", "Basic ", "Basic !!!not-base64!!!", "Bearer abc.def.ghi",
                                            "Basic " + base64("no-colon"), "Basic " + base64(":"),
                                            "Basic " + base64("ghost-" + serial.incrementAndGet() + ":wrong"),
                                            "Basic " + base64("\u0000:\u0000"), "Digest username=\"admin\"",
                                            "Basic " + "A".repeat(2_000)));
        if (!authorization.isEmpty()) {
            headers.put("Authorization", authorization);
        }
        boolean read = random.nextInt(3) == 0;
        if (read) {
            return new Attack("no login", "GET", pick(List.of("/api/disputes", "/api/statistics?region=" + CITY,
                                                               "/api/disputes/" + disputeId + "/history",
                                                               "/api/admin/users", "/api/fields")),
                              null, headers, null, new Expect(Set.of(401, 429), null), "GET, " + authorization);
        }
        headers.put("Content-Type", "application/json");
        return new Attack("no login", "POST", endpoint.path().get(), null, headers,
                          serialize(endpoint.valid().get()).getBytes(StandardCharsets.UTF_8),
                          new Expect(Set.of(401, 429), null), "POST, " + authorization);
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ hostile values

    private static final List<String> UNICODE = List.of(
            "\u202E", "\u200F", "\u200B", "\uFEFF", "\u2028", "😀", "👨‍👩‍👧", "e\u0301", "\uFFFF", "𠀀", "\u0085",
            "\u0000", "\uD800", "\uDC00", "\u001B[31m", "\\", "\"", "<script>");

    private static final List<Object> BAD_REGIONS = List.of(
            "", " ", "abc", "51190210100", "5119021010011", "511902101999", "000000000000", "110101001001",
            "51190210100\u0000", "５１１９０２１０１００１", "٥١١٩٠٢١٠١٠٠١", "511902101001 ", " 511902101001",
            "511902101001\u200B", "\u202E511902101001", "-51190210100", "5.11902101E11", "511902001001",
            "51190210100١");

    private static final List<String> BAD_REGION_TEXTS = List.of(
            "abc", "51190210100", "5119021010011", "511902101999", "000000000000", "110101001001",
            "51190210100\u0000", "５１１９０２１０１００１", "511902101001\u200B", "\u202E511902101001",
            "511902001001", "'; --", "{\"$ne\":1}", "😀", "x".repeat(3_000));

    private static final List<Object> BAD_DATES = java.util.Arrays.asList(
            "2026-02-30", "2026-02-29", "0000-01-01", "99999-01-01", "+99999-01-01", "2099-12-31", "1948-12-31",
            "1900-01-01", "2026-13-01", "2026-00-10", "2026/03/02", "02-03-2026", "today", "", " ",
            "２０２６-０３-０２", "2026-03-02T00:00:00Z", "2026-3-2", "-2026-03-02", "2026-03-02\u0001x",
            new Raw(quote("2026-03-0\uD800")), new Raw("[2026,2,30]"), new Raw("[2026,3]"), new Raw("99999999999"),
            new Raw("1e10"), true, Map.of("year", 2026), new Raw("\"" + "2".repeat(HUGE_TEXT) + "\""), null);

    private static final List<String> MALFORMED = List.of(
            "{", "}", "{\"date\":}", "{'date':'2026-03-02'}", "{\"date\":\"2026-03-02\"}x", "{\"date\" \"x\"}",
            "{\"date\":\"2026-03-02\",}", "{\"date\":\"2026-03-02\"/* c */}", "{\"date\":NaN}",
            "{\"date\":\"\u0001\"}", "{\"a\":1,,\"b\":2}", "\u0000", "{\"date\":\"2026-03-02\"", "[1,2",
            "{\"date\":tru}", "{\"\\uZZZZ\":1}", "<xml/>", "date=2026-03-02", "{\"date\":\"\\x41\"}");

    private List<Object> hostileSlugs() {
        return List.of("has space", "a/b", "x".repeat(65), "委员会", "C511902101001\u0000", "C5119\u200B",
                       "\u202Eabc", "a.b", "", "😀", "..", "x".repeat(HUGE_TEXT).substring(0, 300));
    }

    private String hostileId() {
        return pick(List.of("not-a-uuid", "123", encode(newId() + "\u0000"), encode("\u202E" + newId()),
                            newId() + "0", "x".repeat(300), encode("'; DROP"), encode("😀"),
                            newId().replace("-", ""), encode(newId() + " "), "%7B%7D", encode("{\"$ne\":1}"),
                            "G" + newId().substring(1).toUpperCase()));
    }

    private String hostileIfMatch() {
        return pick(List.of("abc", "-1", "\"-3\"", "W/\"x\"", "1e3", "99999999999999999999", "3.0", "*x", "\"\"x",
                            "999999", "W/\"999999\"", "0x1", "1 2", "9".repeat(2_000)));
    }

    /** Longer than the field allows, by a little or by a lot, of unicode edge cases. */
    private Object tooLong(int max) {
        int length = random.nextInt(10) == 0 ? HUGE_TEXT : max + 1 + random.nextInt(max + 1);
        String unit = pick(List.of("甲", "😀", "a", "\u202E", "\u200B", "\u0000", "𠀀"));
        String text = unit.repeat(length);
        return random.nextBoolean() ? text : new Raw(quote(text));
    }

    private String huge(String unit) {
        return unit.repeat(HUGE_TEXT / unit.length());
    }

    private List<Object> huge(int size, Object element) {
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element);
        }
        return list;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    // ------------------------------------------------------------------ JSON, sending and checking

    private Attack json(BodyEndpoint endpoint, String method, String path, Map<String, Object> body,
                        Map<String, String> headers, Expect expect, String what) {
        return new Attack(endpoint.group(), method, path, endpoint.user(), jsonType(headers),
                          serialize(body).getBytes(StandardCharsets.UTF_8), expect, what);
    }

    private Attack raw(BodyEndpoint endpoint, String path, String json, String field, String what) {
        return new Attack(endpoint.group(), "POST", path, endpoint.user(), jsonType(new LinkedHashMap<>()),
                          json.getBytes(StandardCharsets.UTF_8), Expect.badRequest(field), what);
    }

    private static Map<String, String> jsonType(Map<String, String> headers) {
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** JSON written by hand, so that lone surrogates and raw pieces go out exactly as generated. */
    static String serialize(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof String text) {
            out.append(quote(text));
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(quote(String.valueOf(entry.getKey()))).append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }

    /** A JSON string literal; control characters and every surrogate are escaped, so lone ones survive. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String describe(Object value) {
        String text = value == MISSING ? "(missing)" : value instanceof Raw raw ? raw.json() : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "… (" + text.length() + " chars)" : text;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                                             .append(encode(value)));
        return query.toString();
    }

    /** Sends the request; returns what is wrong with the answer, or null. */
    private String check(Attack attack) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + attack.path()))
                                                 .timeout(Duration.ofSeconds(60))
                                                 .method(attack.method(), attack.body() == null
                                                         ? HttpRequest.BodyPublishers.noBody()
                                                         : HttpRequest.BodyPublishers.ofByteArray(attack.body()));
        attack.headers().forEach(builder::header);
        if (attack.user() != null) {
            builder.header("Authorization", basic(attack.user()));
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(attack.what() + " " + attack.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int status = response.statusCode();
        sentByGroup.merge(attack.group(), 1, Integer::sum);
        statuses.merge(status, 1, Integer::sum);
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        String text = response.body() == null ? "" : response.body();
        String seen = attack.group() + " · " + attack.what() + " · " + attack.method() + " "
                + shorten(attack.path()) + " → " + status + " " + contentType + " " + shorten(text);
        if (status >= 500) {
            return "5xx: " + seen;
        }
        if (!attack.expect().statuses().contains(status)) {
            return "expected " + attack.expect().statuses() + ": " + seen;
        }
        if (status < 400) {
            if (attack.group().equals("query disputes") && status == 200) {
                return parse(text).path("items").isEmpty() ? null : "a hostile case number found cases: " + seen;
            }
            return "accepted: " + seen;
        }
        if (!contentType.startsWith("application/problem+json") && !attack.method().equals("HEAD")) {
            return "not a problem: " + seen;
        }
        if (text.length() > MAX_REFUSAL_CHARS) {
            return "a refusal of " + text.length() + " chars (echoes the input?): " + seen;
        }
        if (status == 403 && attack.expect().field() != null && parse(text).has("errors")
                && !names(parse(text).path("errors"), attack.expect().field())) {
            return "a 403 naming another field: " + seen;
        }
        if (status == 400) {
            JsonNode errors = parse(text).path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                return "a 400 without errors: " + seen;
            }
            for (JsonNode error : errors) {
                if (error.path("field").asText("").isEmpty() || error.path("message").asText("").isEmpty()) {
                    return "an error without field or message: " + seen;
                }
            }
            String field = attack.expect().field();
            if (field != null && !names(errors, field) && !(refusedAsAPath(attack.path()) && (names(errors, "path")
                    || names(errors, "request")))) {
                return "no error names " + field + ": " + seen;
            }
        }
        return null;
    }

    /**
     * A path with a NUL, an encoded slash, {@code ..} or {@code //} is refused before routing (by Tomcat or the
     * firewall): the refusal names the path, since no parameter has been read yet.
     */
    private static boolean refusedAsAPath(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("%00") || lower.contains("%2f") || lower.contains("..") || lower.contains("//")
                || lower.contains("%25") || lower.contains("%3b") || lower.contains("%2e") || lower.contains("%5c");
    }

    private static boolean names(JsonNode errors, String field) {
        for (JsonNode error : errors) {
            String named = error.path("field").asText();
            if (named.equals(field) || named.startsWith(field + ".") || named.startsWith(field + "[")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "… (" + text.length() + " chars)" : text;
    }
}
