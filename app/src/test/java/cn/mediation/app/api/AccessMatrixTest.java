package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every role × every endpoint × a target in the user's own area, a sibling area, the parent area and a child area:
 * allowed, or 403 — and 401 without a login. The users are scoped to one town (样例镇一 of 巴州区); a refusal must store
 * nothing and tell nothing about the record it refused.
 *
 * <p>The rules: a case is visible to a user whose area contains the village where it arose (so a case that moved up
 * to the county stays readable by the town it came from); a mediator acts on a case whose current handling unit lies
 * in its area (the escalation's acceptance belongs to the receiving unit); regions named in a request must lie in the
 * caller's area.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest extends AppTestBase {

    enum Target { OWN, SIBLING, PARENT, CHILD }

    enum Role { MEDIATOR, ANALYST, AUDITOR, ADMIN }

    static final String OWN_TOWN = "511902101000";
    static final String SIBLING_TOWN = "511902102000";
    static final String PARENT_COUNTY = "511902000000";
    static final String CHILD_VILLAGE = "511902101001";
    static final String DATE = "2026-04-01";

    /** Disputes to read, one per target, made by the city's mediator. */
    private final Map<Target, Fixture> readable = new LinkedHashMap<>();
    private final Map<Role, String> users = new LinkedHashMap<>();

    record Fixture(String id, String village, String caseNumber) {
    }

    /** One endpoint: who may call it and for which targets, and how to call it for a target. */
    record Endpoint(String name, Set<Role> roles, Set<Target> targets, boolean command,
                    Function<Target, Call> call) {
    }

    /** A prepared request; {@code fixture} is the case it touches, if any. */
    record Call(String method, String path, Object body, Fixture fixture) {
    }

    static String region(Target target) {
        return switch (target) {
            case OWN -> OWN_TOWN;
            case SIBLING -> SIBLING_TOWN;
            case PARENT -> PARENT_COUNTY;
            case CHILD -> CHILD_VILLAGE;
        };
    }

    /** A village for requests that need one: inside the own town for OWN and CHILD, outside it otherwise. */
    static String village(Target target) {
        return switch (target) {
            case OWN -> "511902101002";
            case CHILD -> CHILD_VILLAGE;
            case SIBLING -> "511902102001";
            case PARENT -> "511902102002";
        };
    }

    @BeforeAll
    void usersAndCases() {
        cityUsers();
        for (Role role : Role.values()) {
            String name = "town-" + role.name().toLowerCase();
            user(name, role.name(), OWN_TOWN);
            users.put(role, name);
        }
        for (Target target : Target.values()) {
            readable.put(target, fixture(target));
        }
    }

    /**
     * OWN: arose in the town, handled by the town's centre. CHILD: arose in one of its villages, handled there.
     * SIBLING: arose in the sibling town's village. PARENT: arose in the town, now handled by the county.
     */
    private Fixture fixture(Target target) {
        String village = switch (target) {
            case OWN -> "511902101002";
            case CHILD -> CHILD_VILLAGE;
            case SIBLING -> "511902102001";
            case PARENT -> "511902101003";
        };
        Map<String, Object> registration = DisputeApiTest.registration(newId());
        registration.put("villageCode", village);
        JsonNode registered = ok(post("/api/disputes", registration));
        String id = registered.get("id").asText();
        ok(post("/api/disputes/" + id + "/screening", Map.of("grade", "ORDINARY", "decision", "ACCEPT",
                                                            "date", "2026-03-03")));
        List<String> levels = switch (target) {
            case OWN -> List.of("TOWN");
            case PARENT -> List.of("TOWN", "COUNTY");
            default -> List.of();
        };
        for (String level : levels) {
            ok(post("/api/disputes/" + id + "/escalation", Map.of("to", level, "reason", "上交", "date", "2026-03-05")));
            ok(post("/api/disputes/" + id + "/escalation/acceptance", Map.of("date", "2026-03-05")));
        }
        return new Fixture(id, village, registered.get("caseNumber").asText());
    }

    private List<Endpoint> endpoints() {
        Set<Target> inArea = EnumSet.of(Target.OWN, Target.CHILD);
        Set<Target> arisenInArea = EnumSet.of(Target.OWN, Target.CHILD, Target.PARENT);
        Set<Target> any = EnumSet.allOf(Target.class);
        Set<Role> readers = EnumSet.of(Role.MEDIATOR, Role.ANALYST, Role.AUDITOR);
        Set<Role> figures = EnumSet.of(Role.ANALYST, Role.AUDITOR);
        List<Endpoint> list = new ArrayList<>();
        // ---- requests naming a region
        list.add(new Endpoint("register", EnumSet.of(Role.MEDIATOR), inArea, true, t -> {
            Map<String, Object> body = DisputeApiTest.registration(newId());
            body.put("villageCode", village(t));
            return new Call("POST", "/api/disputes", body, null);
        }));
        list.add(new Endpoint("sweep", EnumSet.of(Role.MEDIATOR), inArea, true, t -> new Call("POST", "/api/sweeps",
                Map.of("id", newId(), "villageCode", village(t), "found", 1, "date", DATE), null)));
        list.add(new Endpoint("establish committee", EnumSet.of(Role.ADMIN), inArea, true, t -> new Call(
                "POST", "/api/committees", Map.of("name", "行业调委会", "regionCode", region(t), "field", "MEDICAL"),
                null)));
        list.add(new Endpoint("appoint mediator", EnumSet.of(Role.ADMIN), inArea, true, t -> new Call(
                "POST", "/api/committees/C" + region(t) + "/mediators", Map.of("name", "新调解员", "date", DATE), null)));
        list.add(new Endpoint("create user", EnumSet.of(Role.ADMIN), inArea, true, t -> new Call(
                "POST", "/api/admin/users", Map.of("username", "u" + newId().substring(0, 8), "password", PASSWORD,
                                                   "role", "ANALYST", "region", region(t)), null)));
        list.add(new Endpoint("statistics", figures, inArea, false, t -> new Call(
                "GET", "/api/statistics?region=" + region(t) + "&from=2026-01-01&to=2026-12-31", null, null)));
        list.add(new Endpoint("statistics as of", EnumSet.of(Role.AUDITOR), inArea, false, t -> new Call(
                "GET", "/api/statistics?region=" + region(t) + "&from=2026-01-01&to=2026-12-31&asOf="
                        + Instant.now(), null, null)));
        list.add(new Endpoint("drill-through", figures, inArea, false, t -> new Call(
                "GET", "/api/statistics/cases?region=" + region(t) + "&from=2026-01-01&to=2026-12-31"
                        + "&figure=registered", null, null)));
        list.add(new Endpoint("monthly trend", figures, inArea, false, t -> new Call(
                "GET", "/api/statistics/trend?region=" + region(t) + "&from=2026-01-01&to=2026-12-31", null, null)));
        list.add(new Endpoint("export", figures, inArea, false, t -> new Call(
                "GET", "/api/statistics/export?format=csv&region=" + region(t) + "&from=2026-01-01&to=2026-12-31",
                null, null)));
        list.add(new Endpoint("case list by region", readers, inArea, false, t -> new Call(
                "GET", "/api/disputes?region=" + region(t), null, null)));
        list.add(new Endpoint("inbox of a unit", readers, inArea, false, t -> new Call(
                "GET", "/api/disputes?handlingUnit=" + region(t), null, null)));
        // ---- requests naming no region
        list.add(new Endpoint("list users", EnumSet.of(Role.ADMIN), any, false,
                              t -> new Call("GET", "/api/admin/users", null, null)));
        list.add(new Endpoint("projections", EnumSet.of(Role.ADMIN), any, false,
                              t -> new Call("GET", "/api/admin/projections", null, null)));
        // a rebuild empties every area's read model while it runs: a city administrator's only (these users are a
        // town's; see ReplayLimitsTest)
        list.add(new Endpoint("rebuild", EnumSet.of(Role.ADMIN), EnumSet.noneOf(Target.class), true,
                              t -> new Call("POST", "/api/admin/projections/no-such-projection/rebuild", null, null)));
        list.add(new Endpoint("verify projections", EnumSet.of(Role.AUDITOR, Role.ADMIN), any, false,
                              t -> new Call("GET", "/api/admin/projections/verify", null, null)));
        list.add(new Endpoint("verification's progress", EnumSet.of(Role.AUDITOR, Role.ADMIN), any, false,
                              t -> new Call("GET", "/api/admin/projections/verify/progress", null, null)));
        list.add(new Endpoint("verify the log", EnumSet.of(Role.AUDITOR, Role.ADMIN), any, false,
                              t -> new Call("GET", "/api/admin/audit/verify", null, null)));
        // the whole log holds every area's cases: only an administrator of the whole city may take it or restore
        // one (see EventLogApiTest); these users are a town's
        list.add(new Endpoint("export the log", EnumSet.of(Role.ADMIN), EnumSet.noneOf(Target.class), false,
                              t -> new Call("GET", "/api/admin/events/export", null, null)));
        list.add(new Endpoint("import a log", EnumSet.of(Role.ADMIN), EnumSet.noneOf(Target.class), true,
                              t -> new Call("POST", "/api/admin/events/import", "", null)));
        list.add(new Endpoint("regions", EnumSet.allOf(Role.class), any, false,
                              t -> new Call("GET", "/api/regions?parent=" + region(t), null, null)));
        list.add(new Endpoint("fields", EnumSet.allOf(Role.class), any, false,
                              t -> new Call("GET", "/api/fields", null, null)));
        list.add(new Endpoint("committees", EnumSet.allOf(Role.class), any, false,
                              t -> new Call("GET", "/api/committees?region=" + region(t), null, null)));
        // ---- requests naming a case
        list.add(new Endpoint("case", readers, arisenInArea, false, t -> onCase(t, "GET", "", null)));
        list.add(new Endpoint("case as of", EnumSet.of(Role.AUDITOR), arisenInArea, false,
                              t -> onCase(t, "GET", "?asOf=" + Instant.now(), null)));
        list.add(new Endpoint("history", EnumSet.of(Role.AUDITOR), arisenInArea, false,
                              t -> onCase(t, "GET", "/history", null)));
        list.add(new Endpoint("case as of a business date", EnumSet.of(Role.AUDITOR), arisenInArea, false,
                              t -> onCase(t, "GET", "?asOfDate=" + DATE, null)));
        list.add(new Endpoint("case file", readers, arisenInArea, false, t -> onCase(t, "GET", "/file", null)));
        list.add(new Endpoint("erase personal data", EnumSet.of(Role.ADMIN), arisenInArea, true,
                              t -> onCase(t, "DELETE", "/personal-data", null)));
        Map<String, Object> commands = new LinkedHashMap<>();
        commands.put("/screening", Map.of("grade", "MAJOR", "decision", "ACCEPT", "date", DATE));
        commands.put("/mediation", null); // needs the committee of the case's handling unit, see below
        commands.put("/sessions", Map.of("attendees", List.of("甲"), "notes", "调解", "date", DATE));
        commands.put("/resolution", Map.of("form", "WRITTEN", "terms", "达成协议", "date", DATE));
        commands.put("/failure", Map.of("reason", "分歧大", "date", DATE));
        commands.put("/escalation", Map.of("to", "LITIGATION", "reason", "起诉", "date", DATE));
        commands.put("/escalation/acceptance", Map.of("date", DATE));
        commands.put("/withdrawal", Map.of("reason", "撤回", "date", DATE));
        commands.put("/fulfilment", Map.of("fulfilled", true, "date", DATE));
        commands.put("/judicial-confirmation", Map.of("court", "巴州区人民法院", "date", DATE));
        commands.put("/follow-up", Map.of("satisfaction", 5, "date", DATE));
        commands.put("/reopening", Map.of("reason", "未履行", "date", DATE));
        commands.put("/closure", Map.of("reason", "结案", "date", DATE));
        commands.put("/incidents", Map.of("kind", "GROUP_INCIDENT", "notes", "聚集", "date", DATE));
        commands.forEach((path, body) -> list.add(new Endpoint(
                "command " + path, EnumSet.of(Role.MEDIATOR), inArea, true, t -> onCase(t, "POST", path, body))));
        return list;
    }

    private Call onCase(Target target, String method, String suffix, Object body) {
        Fixture fixture = readable.get(target);
        if (suffix.equals("/mediation")) {
            String unit = switch (target) {
                case OWN -> OWN_TOWN;
                case PARENT -> PARENT_COUNTY;
                default -> fixture.village();
            };
            body = Map.of("committeeId", "C" + unit, "mediatorIds", List.of("C" + unit + "-M1"), "channel", "PEOPLES",
                          "date", DATE);
        }
        return new Call(method, "/api/disputes/" + fixture.id() + suffix, body, fixture);
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOnEveryEndpointInEveryArea() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Role role : Role.values()) {
                for (Target target : Target.values()) {
                    boolean allowed = endpoint.roles().contains(role) && endpoint.targets().contains(target);
                    tests.add(DynamicTest.dynamicTest(
                            endpoint.name() + " · " + role + " · " + target + " → " + (allowed ? "allowed" : "403"),
                            () -> check(endpoint, role, target, allowed)));
                }
            }
            tests.add(DynamicTest.dynamicTest(endpoint.name() + " · no login → 401", () -> {
                Call call = endpoint.call().apply(Target.OWN);
                Response response = request(call.method(), call.path(), call.body(), Map.of());
                assertThat(response.status()).as(call.path()).isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }));
        }
        return tests.stream();
    }

    private void check(Endpoint endpoint, Role role, Target target, boolean allowed) {
        Call call = endpoint.call().apply(target);
        if (allowed && endpoint.command() && call.fixture() != null) {
            // a command that may run changes its case: give it a fresh one of the same kind
            Fixture fresh = fixture(target);
            call = new Call(call.method(), call.path().replace(call.fixture().id(), fresh.id()), call.body(), fresh);
        }
        int eventsBefore = call.fixture() == null ? 0 : events(call.fixture());
        Response response = request(call.method(), call.path(), call.body(),
                                    Map.of("Authorization", basic(users.get(role))));
        String seen = role + " " + call.method() + " " + call.path() + " → " + response.status() + " "
                + response.body();
        if (allowed) {
            assertThat(response.status()).as(seen).isNotIn(401, 403).isLessThan(500);
            if (!endpoint.command()) {
                assertThat(response.status()).as(seen).isEqualTo(200);
            }
            return;
        }
        assertThat(response.status()).as(seen).isEqualTo(403);
        assertThat(response.contentType()).as(seen).startsWith("application/problem+json");
        if (call.fixture() != null) {
            String text = String.valueOf(response.body());
            assertThat(text).as("a refusal tells nothing about the case")
                            .doesNotContain(call.fixture().caseNumber()).doesNotContain(call.fixture().village());
            assertThat(events(call.fixture())).as("a refused command stores nothing").isEqualTo(eventsBefore);
        }
    }

    /** The case's stored events, counted by the city's auditor. */
    private int events(Fixture fixture) {
        return get("/api/disputes/" + fixture.id() + "/history").body().get("events").size();
    }

    @Test
    void listsAndDrillThroughShowOnlyCasesOfTheCallersArea() {
        String analyst = users.get(Role.ANALYST);
        await().atMost(Duration.ofSeconds(30)).until(
                () -> getAs(analyst, "/api/disputes").body().get("items").size() >= 3);
        for (String path : List.of("/api/disputes", "/api/disputes?region=" + OWN_TOWN,
                                   "/api/disputes?handlingUnit=" + OWN_TOWN,
                                   "/api/statistics/cases?from=2026-01-01&to=2026-12-31&figure=registered")) {
            JsonNode items = ok(getAs(analyst, path)).get("items");
            for (JsonNode item : items) {
                assertThat(item.get("villageCode").asText()).as(path).startsWith("511902101");
            }
        }
        JsonNode everything = ok(getAs(analyst, "/api/disputes")).get("items");
        assertThat(everything.toString()).doesNotContain(readable.get(Target.SIBLING).id());
    }

    @Test
    void onlyTheCasesOwnMediatorsSeeThePartiesInClear() {
        String handledInTown = readable.get(Target.CHILD).id();
        String handledByCounty = readable.get(Target.PARENT).id();
        await().atMost(Duration.ofSeconds(20)).until(() -> getAs(users.get(Role.MEDIATOR), "/api/disputes/"
                + handledByCounty).body().path("handlingLevel").asText().equals("COUNTY"));
        JsonNode own = ok(getAs(users.get(Role.MEDIATOR), "/api/disputes/" + handledInTown));
        assertThat(own.get("parties").get(0).get("idNumber").asText()).isEqualTo("11010519491231002X");
        assertThat(own.get("parties").get(0).get("phone").asText()).isEqualTo("13812345678");
        assertThat(own.get("parties").get(0).get("name").asText()).isEqualTo("王小明");
        JsonNode movedUp = ok(getAs(users.get(Role.MEDIATOR), "/api/disputes/" + handledByCounty));
        assertThat(movedUp.get("parties").get(0).get("idNumber").asText()).isEqualTo("110105********002X");
        for (Role reader : List.of(Role.ANALYST, Role.AUDITOR)) {
            JsonNode masked = ok(getAs(users.get(reader), "/api/disputes/" + handledInTown));
            assertThat(masked.get("parties").get(0).get("idNumber").asText()).as(reader.name())
                                                                            .isEqualTo("110105********002X");
            assertThat(masked.get("parties").get(0).get("phone").asText()).isEqualTo("138****5678");
            assertThat(masked.get("parties").get(0).get("name").asText()).isEqualTo("王**");
        }
    }

    @Test
    void anAdministratorListsOnlyUsersOfItsArea() {
        JsonNode users = ok(getAs(this.users.get(Role.ADMIN), "/api/admin/users"));
        assertThat(users).isNotEmpty();
        for (JsonNode user : users) {
            assertThat(user.get("region").asText()).startsWith("511902101");
            assertThat(user.has("passwordHash")).isFalse();
        }
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(String.valueOf(response.body())).isBetween(200, 299);
        return response.body();
    }
}
