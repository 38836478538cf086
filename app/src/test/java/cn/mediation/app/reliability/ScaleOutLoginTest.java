package cn.mediation.app.reliability;

import cn.mediation.app.support.AppTestBase.Response;
import cn.mediation.app.storage.MongoConfiguration;
import cn.mediation.app.support.ChildApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins with two instances on one store, as behind a load balancer that does not keep a client on one instance: a
 * session opened through the login page of one is served (and ended) by the other; wrong passwords sent to both add
 * up to one lock that holds on both; a new password or a disabled account counts on the other instance at its next
 * request, although that instance had just accepted the old password (and would remember it for minutes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutLoginTest {

    private static final String ADMIN_PASSWORD = "scale-out-login-admin";
    private static final String PASSWORD = "login-password-1";
    private static final String CITY = "511900000000";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private ChildApplication a;
    private ChildApplication b;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start(@TempDir Path directory) throws IOException {
        // the second instance reaches the first one's embedded MongoDB through its socket
        Path socket = directory.resolve("mongodb.sock");
        List<String> common = List.of("mediation.security.admin-password=" + ADMIN_PASSWORD,
                                      "mediation.security.bcrypt-strength=4",
                                      "mediation.security.login.first-delay=PT10M",
                                      "mediation.security.login.remember=PT10M");
        List<String> first = new ArrayList<>(common);
        first.add("mediation.mongo.embedded.socket=" + socket);
        first.add("mediation.mongo.embedded.data-dir=" + directory.resolve("data"));
        List<String> second = new ArrayList<>(common);
        second.add("mediation.mongo.uri=" + MongoConfiguration.socketUri(socket, "mediation"));
        // the first one's folder for its keys: instances on one store share them
        second.add("mediation.mongo.embedded.data-dir=" + directory.resolve("data"));
        a = new ChildApplication(directory.resolve("a.log"), first).start();
        b = new ChildApplication(directory.resolve("b.log"), second).start();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aSessionOpenedOnOneInstanceIsServedAndEndedOnTheOther() throws Exception {
        String name = user("session-user");
        Cookies cookies = new Cookies();
        HttpResponse<String> login = login(a, cookies, name, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(
                cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(cookies.get("JSESSIONID")).isNotNull();

        assertThat(send(b, cookies, get(b, "/api/fields")).statusCode())
                .as("the session opened on A, on B").isEqualTo(200);
        assertThat(send(a, cookies, get(a, "/api/fields")).statusCode()).isEqualTo(200);

        HttpResponse<String> forged = send(b, cookies, HttpRequest.newBuilder(b.uri("/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(forged.statusCode()).as("a logout without the CSRF header").isEqualTo(403);
        assertThat(cookies.get("XSRF-TOKEN")).as("the token cookie a page script reads").isNotNull();
        HttpResponse<String> logout = send(b, cookies, HttpRequest.newBuilder(b.uri("/logout"))
                .header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).as(logout.body()).isBetween(200, 399);
        assertThat(send(a, cookies, get(a, "/api/fields")).statusCode())
                .as("the session ended on B, on A").isEqualTo(401);
    }

    @Test
    void wrongPasswordsOnBothInstancesAddUpToOneLock() throws Exception {
        String name = user("spread-guesses");
        for (int i = 0; i < 5; i++) {
            ChildApplication instance = i % 2 == 0 ? a : b;
            assertThat(instance.get(name, "wrong-password", "/api/fields").status()).isEqualTo(401);
        }
        for (ChildApplication instance : List.of(a, b)) {
            Response locked = instance.get(name, PASSWORD, "/api/fields");
            assertThat(locked.status()).as("the right password after five wrong ones on two instances")
                                       .isEqualTo(429);
            assertThat(Long.parseLong(locked.header("Retry-After"))).isGreaterThan(60);
        }
    }

    @Test
    void aNewPasswordOrADisabledAccountCountsOnTheOtherInstanceAtOnce() throws Exception {
        String name = user("moving-password");
        for (ChildApplication instance : List.of(a, b)) {
            assertThat(instance.get(name, PASSWORD, "/api/fields").status()).isEqualTo(200);
        }
        Cookies session = new Cookies();
        assertThat(login(b, session, name, PASSWORD).headers().firstValue("Location").orElse(""))
                .doesNotContain("error");
        assertThat(send(a, session, get(a, "/api/fields")).statusCode()).isEqualTo(200);

        String newPassword = "login-password-2";
        Response changed = a.put("admin", ADMIN_PASSWORD, "/api/admin/users/" + name + "/password",
                                 Map.of("password", newPassword));
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(204);
        assertThat(b.get(name, PASSWORD, "/api/fields").status())
                .as("the old password on the instance that had just accepted it").isEqualTo(401);
        assertThat(b.get(name, newPassword, "/api/fields").status()).isEqualTo(200);
        assertThat(a.get(name, newPassword, "/api/fields").status()).isEqualTo(200);
        assertThat(send(a, session, get(a, "/api/fields")).statusCode())
                .as("a session opened with the old password").isEqualTo(401);

        Response disabled = b.put("admin", ADMIN_PASSWORD, "/api/admin/users/" + name + "/enabled",
                                  Map.of("enabled", false));
        assertThat(disabled.status()).as(String.valueOf(disabled.body())).isEqualTo(200);
        assertThat(disabled.body().get("enabled").asBoolean()).isFalse();
        assertThat(a.get(name, newPassword, "/api/fields").status())
                .as("a disabled account on the instance that had just accepted it").isEqualTo(401);
        assertThat(b.get(name, newPassword, "/api/fields").status()).isEqualTo(401);

        assertThat(a.put("admin", ADMIN_PASSWORD, "/api/admin/users/" + name + "/enabled", Map.of("enabled", true))
                    .status()).isEqualTo(200);
        assertThat(b.get(name, newPassword, "/api/fields").status()).isEqualTo(200);
    }

    private String user(String name) throws IOException {
        Response created = a.post("admin", ADMIN_PASSWORD, "/api/admin/users",
                                  Map.of("username", name, "password", PASSWORD, "role", "ANALYST", "region", CITY),
                                  Map.of());
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return name;
    }

    private HttpResponse<String> login(ChildApplication instance, Cookies cookies, String name, String password)
            throws Exception {
        HttpResponse<String> page = send(instance, cookies, get(instance, "/login"));
        Matcher token = CSRF_FIELD.matcher(page.body());
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + enc(name) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        return send(instance, cookies, HttpRequest.newBuilder(instance.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpRequest.Builder get(ChildApplication instance, String path) {
        return HttpRequest.newBuilder(instance.uri(path)).GET();
    }

    /** Sends with the cookies a browser would (one host: the instances differ by port only) and keeps new ones. */
    private HttpResponse<String> send(ChildApplication instance, Cookies cookies, HttpRequest.Builder request)
            throws Exception {
        if (!cookies.values.isEmpty()) {
            request.header("Cookie", cookies.header());
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                                                   HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String value = pair.substring(equals + 1);
            if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) {
                cookies.values.remove(pair.substring(0, equals));
            } else {
                cookies.values.put(pair.substring(0, equals), value);
            }
        }
        return response;
    }

    private static final class Cookies {
        final Map<String, String> values = new LinkedHashMap<>();

        String get(String name) {
            return values.get(name);
        }

        String header() {
            return String.join("; ", values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
