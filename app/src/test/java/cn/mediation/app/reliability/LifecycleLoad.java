package cn.mediation.app.reliability;

import cn.mediation.app.support.AppTestBase.Response;
import cn.mediation.app.support.ChildApplication;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Clients that drive disputes through register → screen → mediate → resolve against a running application, each
 * step with the {@code If-Match} version the previous one returned, and write down every step the server
 * acknowledged (a 2xx) with the version it returned. A step that gets anything else, or no answer, ends that dispute
 * (the client starts a new one): such a step is unacknowledged, and may or may not have been stored.
 * <p>
 * Every answer that is not a 2xx is kept, so a test can say which answers are allowed while it breaks something.
 * <p>
 * Given several instances, the clients are spread over them in turn (client {@code i} talks to instance
 * {@code i mod n} only), and what each instance acknowledged or left unanswered is counted apart. A client stops once
 * its instance's process is gone: nobody is left to answer it.
 */
final class LifecycleLoad implements AutoCloseable {

    static final String PASSWORD = "load-password-1";
    static final String MEDIATOR = "load-mediator";
    static final String AUDITOR = "load-auditor";
    static final String CITY = "511900000000";
    static final List<String> VILLAGES = List.of("511902102001", "511903102002", "511921102003", "511922102001",
                                                 "511923102002", "511971102003");

    /** One acknowledged step: the dispute, the event type it stored, and the version (its sequence number). */
    record Ack(String disputeId, String eventType, long version) {
    }

    /** An answer other than 2xx, with what a client needs to tell a retryable one from a refusal. */
    record Refusal(String step, int status, String contentType, String retryAfter) {
    }

    private final List<ChildApplication> apps;
    private final List<Thread> clients = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final Queue<String> attempted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final Map<ChildApplication, AtomicInteger> acknowledgedBy = new ConcurrentHashMap<>();
    private final Map<ChildApplication, AtomicInteger> unansweredBy = new ConcurrentHashMap<>();

    LifecycleLoad(ChildApplication app) {
        this(List.of(app));
    }

    /** Clients spread over the instances in turn. */
    LifecycleLoad(List<ChildApplication> apps) {
        this.apps = List.copyOf(apps);
        for (ChildApplication app : this.apps) {
            acknowledgedBy.put(app, new AtomicInteger());
            unansweredBy.put(app, new AtomicInteger());
        }
    }

    /** Creates the load's mediator and auditor (city-wide) as the administrator. */
    static void createUsers(ChildApplication app, String adminPassword) throws IOException {
        for (String[] user : List.of(new String[]{MEDIATOR, "MEDIATOR"}, new String[]{AUDITOR, "AUDITOR"})) {
            Response created = app.post("admin", adminPassword, "/api/admin/users",
                                        Map.of("username", user[0], "password", PASSWORD, "role", user[1],
                                               "region", CITY), Map.of());
            if (created.status() != 201 && created.status() != 409) {
                throw new IllegalStateException("cannot create " + user[0] + ": " + created.status());
            }
        }
    }

    /**
     * Waits until the sample committees of the load's villages are listed: the application creates them after its
     * web server is up (health says UP a little earlier), and a registration needs its village's committee.
     */
    static void awaitCommittees(ChildApplication app) {
        for (String village : VILLAGES) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                                     .pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                Response committees = app.get(MEDIATOR, PASSWORD, "/api/committees?region=" + village);
                return committees.status() == 200 && committees.body().toString().contains("\"C" + village + "\"");
            });
        }
    }

    LifecycleLoad start(int clientCount) {
        for (int i = 0; i < clientCount; i++) {
            int client = i;
            Thread thread = new Thread(() -> run(client), "load-client-" + i);
            thread.setDaemon(true);
            clients.add(thread);
            thread.start();
        }
        return this;
    }

    private void run(int client) {
        ChildApplication app = apps.get(client % apps.size());
        int disputes = 0;
        while (!stopped.get() && app.alive()) {
            String village = VILLAGES.get((client + disputes++) % VILLAGES.size());
            lifecycle(app, UUID.randomUUID().toString(), village);
        }
    }

    /** A registration of a neighbours' dispute in {@code village}, dated 2026-03-02, with one applicant. */
    static Map<String, Object> registration(String id, String village, String source, String summary) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("id", id);
        registration.put("villageCode", village);
        registration.put("field", "NEIGHBOURS");
        registration.put("source", source);
        registration.put("summary", summary);
        registration.put("date", "2026-03-02");
        registration.put("peopleInvolved", 2);
        registration.put("parties", List.of(Map.of("role", "APPLICANT", "name", "测试甲")));
        return registration;
    }

    /** One dispute's life; returns at the first step that is not acknowledged. */
    private void lifecycle(ChildApplication app, String id, String village) {
        Map<String, Object> registration = registration(id, village, "SWEEP", "负载测试纠纷");
        attempted.add(id);
        Long version = step(app, "register", "/api/disputes", registration, null, id, "DisputeRegistered");
        if (version == null || stopped.get()) {
            return;
        }
        version = step(app, "screen", "/api/disputes/" + id + "/screening",
                       Map.of("grade", "ORDINARY", "decision", "ACCEPT", "date", "2026-03-03"), version, id,
                       "DisputeScreened");
        if (version == null || stopped.get()) {
            return;
        }
        version = step(app, "mediate", "/api/disputes/" + id + "/mediation",
                       Map.of("committeeId", "C" + village, "mediatorIds", List.of("C" + village + "-M1"),
                              "channel", "PEOPLES", "date", "2026-03-04"), version, id, "MediationStarted");
        if (version == null || stopped.get()) {
            return;
        }
        step(app, "resolve", "/api/disputes/" + id + "/resolution",
             Map.of("form", "ORAL", "terms", "双方和解", "date", "2026-03-05"), version, id, "DisputeResolved");
    }

    private Long step(ChildApplication app, String step, String path, Object body, Long ifMatch, String id,
                      String eventType) {
        sent.incrementAndGet();
        Response response;
        try {
            response = app.post(MEDIATOR, PASSWORD, path, body,
                                ifMatch == null ? Map.of() : Map.of("If-Match", "\"" + ifMatch + "\""));
        } catch (IOException e) {
            unanswered.incrementAndGet();
            unansweredBy.get(app).incrementAndGet();
            return null;
        }
        statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
        if (response.status() / 100 != 2) {
            refusals.add(new Refusal(step, response.status(), response.contentType(), response.header("Retry-After")));
            return null;
        }
        long version = response.body().get("version").asLong();
        acks.add(new Ack(id, eventType, version));
        acknowledgedBy.get(app).incrementAndGet();
        return version;
    }

    int acknowledged() {
        return acks.size();
    }

    /** The steps {@code app} acknowledged (to this load's clients). */
    int acknowledged(ChildApplication app) {
        return acknowledgedBy.get(app).get();
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** Every dispute a registration was sent for, acknowledged or not. */
    List<String> attempted() {
        return List.copyOf(attempted);
    }

    List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** The answers other than 2xx that fail the test's rule. */
    List<Refusal> refusalsThat(Predicate<Refusal> wrong) {
        return refusals.stream().filter(wrong).toList();
    }

    int sent() {
        return sent.get();
    }

    int unanswered() {
        return unanswered.get();
    }

    /** The requests sent to {@code app} that got no answer. */
    int unanswered(ChildApplication app) {
        return unansweredBy.get(app).get();
    }

    int answered(int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    String summary() {
        return "sent " + sent() + ", acknowledged " + acknowledged() + ", unanswered " + unanswered()
                + ", statuses " + statuses;
    }

    /** Stops the clients and waits for their last requests to end. */
    @Override
    public void close() throws InterruptedException {
        stopped.set(true);
        for (Thread client : clients) {
            client.join(TimeUnit.SECONDS.toMillis(90));
        }
    }

    /** The acknowledged steps, per dispute. */
    static Map<String, List<Ack>> byDispute(List<Ack> acks) {
        Map<String, List<Ack>> disputes = new LinkedHashMap<>();
        acks.forEach(ack -> disputes.computeIfAbsent(ack.disputeId(), id -> new ArrayList<>()).add(ack));
        return disputes;
    }

    /** The history's events as (sequence, type) pairs, in order. */
    static List<Map.Entry<Long, String>> history(JsonNode body) {
        List<Map.Entry<Long, String>> events = new ArrayList<>();
        body.path("events").forEach(event -> events.add(Map.entry(event.get("sequence").asLong(),
                                                                   event.get("type").asText())));
        return events;
    }
}
