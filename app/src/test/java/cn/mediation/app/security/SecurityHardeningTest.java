package cn.mediation.app.security;

import cn.mediation.app.support.AppTestBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Login page, CSRF, throttling, headers and the user administration's refusals, over real HTTP. */
class SecurityHardeningTest extends AppTestBase {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A browser-like client: keeps cookies, does not follow redirects. */
    private final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                                          .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpRequest.Builder at(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                          .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }

        /** Logs in through the page's form, with the token the page gave. */
        HttpResponse<String> login(String username, String password) throws Exception {
            HttpResponse<String> page = send(at("/login").GET());
            Matcher token = CSRF_FIELD.matcher(page.body());
            assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
            String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
            return send(at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theLoginPageIsChineseAndItsFormNeedsTheCsrfToken() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.send(browser.at("/login").GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"zh-CN\"").contains("用户名").contains("<label for=\"password\"");
        HttpResponse<String> forged = browser.send(browser.at("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + MEDIATOR + "&password=" + PASSWORD)));
        assertThat(forged.statusCode()).isEqualTo(302);
        assertThat(forged.headers().firstValue("Location").orElse("")).endsWith("/login");
        assertThat(browser.send(browser.at("/api/fields").GET()).statusCode())
                .as("a forged login logs nobody in").isEqualTo(401);
    }

    @Test
    void aSessionFromTheLoginPageCallsTheApiAndItsChangesNeedTheCsrfHeader() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.login(MEDIATOR, PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(
                cookie -> assertThat(cookie).startsWith("JSESSIONID").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(browser.send(browser.at("/api/fields").GET()).statusCode()).isEqualTo(200);

        String body = JSON.writeValueAsString(sampleRegistration(null));
        HttpResponse<String> noToken = browser.send(browser.at("/api/disputes")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("/problems/csrf");

        String token = browser.cookie("XSRF-TOKEN");
        assertThat(token).as("the token cookie a page script reads").isNotNull();
        HttpResponse<String> withToken = browser.send(browser.at("/api/disputes")
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);

        HttpResponse<String> logout = browser.send(browser.at("/logout").header("X-XSRF-TOKEN", token)
                                                          .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).isBetween(200, 399);
        assertThat(browser.send(browser.at("/api/fields").GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordOnTheFormSaysSoWithoutSayingWhichPart() throws Exception {
        HttpResponse<String> login = new Browser().login(MEDIATOR, "not-the-password");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/login?error");
    }

    @Test
    void repeatedWrongPasswordsLockTheNameEvenAgainstTheRightOne() {
        String name = "locked-" + newId().substring(0, 8);
        user(name, "ANALYST", CITY);
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString((name + ":wrong-password")
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            assertThat(request("GET", "/api/fields", null, Map.of("Authorization", wrong)).status()).isEqualTo(401);
        }
        Response locked = getAs(name, "/api/fields");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isPositive();
        assertThat(getAs(MEDIATOR, "/api/fields").status()).as("other users are not affected").isEqualTo(200);
    }

    @Test
    void responsesCarrySecurityHeaders() {
        Response response = getAs(ANALYST, "/api/fields");
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'")
                                                               .contains("frame-ancestors 'none'");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void pagesWithoutALoginGoToTheLoginPage() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> home = browser.send(browser.at("/").GET());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void creatingUsersRefusesBadInputNamingTheFieldAndStoresNothing() {
        String name = "new-" + newId().substring(0, 8);
        Response badRole = postAs(ADMIN, "/api/admin/users",
                                  Map.of("username", name, "password", PASSWORD, "role", "KING", "region", CITY));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.body().get("errors").get(0).get("field").asText()).isEqualTo("role");
        Response shortPassword = postAs(ADMIN, "/api/admin/users",
                                        Map.of("username", name, "password", "short", "role", "ANALYST",
                                               "region", CITY));
        assertThat(shortPassword.body().get("errors").get(0).get("field").asText()).isEqualTo("password");
        Response unknownRegion = postAs(ADMIN, "/api/admin/users",
                                        Map.of("username", name, "password", PASSWORD, "role", "ANALYST",
                                               "region", "511999999999"));
        assertThat(unknownRegion.body().get("errors").get(0).get("field").asText()).isEqualTo("region");
        assertThat(getAs(ADMIN, "/api/admin/users").body().toString()).doesNotContain(name);

        assertThat(postAs(ADMIN, "/api/admin/users", Map.of("username", name, "password", PASSWORD,
                                                            "role", "ANALYST", "region", CITY)).status())
                .isEqualTo(201);
        Response taken = postAs(ADMIN, "/api/admin/users", Map.of("username", name, "password", "another-password",
                                                                  "role", "ADMIN", "region", CITY));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(getAs(name, "/api/statistics?from=2026-01-01&to=2026-01-31").status())
                .as("the first password and role stand").isEqualTo(200);
    }

    @Test
    void onlyAnAdministratorCreatesUsers() {
        Response response = postAs(AUDITOR, "/api/admin/users", Map.of("username", "sneaky", "password", PASSWORD,
                                                                       "role", "ADMIN", "region", CITY));
        assertThat(response.status()).isEqualTo(403);
        assertThat(getAs(ADMIN, "/api/admin/users").body().toString()).doesNotContain("sneaky");
    }
}
