package cn.mediation.app.support;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's login session on a child application: the login form with its CSRF token, then the session cookie. */
public final class SessionClient {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String session;

    /** Logs in through the form and keeps the session cookie; fails unless the login succeeded. */
    public SessionClient login(ChildApplication app, String username, String password) throws Exception {
        return login(app::uri, username, password);
    }

    /** As above, on the server whose paths {@code at} turns into addresses. */
    public SessionClient login(java.util.function.Function<String, java.net.URI> at, String username, String password)
            throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(at.apply("/login")).GET().build(),
                                              HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF_FIELD.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on the login page");
        }
        String cookies = String.join("; ", page.headers().allValues("Set-Cookie").stream()
                                               .map(cookie -> cookie.split(";", 2)[0]).toList());
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        HttpRequest.Builder request = HttpRequest.newBuilder(at.apply("/login"))
                                                 .header("Content-Type", "application/x-www-form-urlencoded")
                                                 .POST(HttpRequest.BodyPublishers.ofString(form));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        HttpResponse<String> login = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElse("");
        for (String cookie : login.headers().allValues("Set-Cookie")) {
            Matcher value = SESSION.matcher(cookie);
            if (value.lookingAt()) {
                session = value.group(1);
            }
        }
        if (login.statusCode() != 302 || location.contains("error") || session == null) {
            throw new AssertionError("the login failed: " + login.statusCode() + " " + location);
        }
        return this;
    }

    /** A GET with the session cookie alone. */
    public HttpResponse<String> get(ChildApplication app, String path) throws Exception {
        return get(app::uri, path);
    }

    /** As above, on the server whose paths {@code at} turns into addresses. */
    public HttpResponse<String> get(java.util.function.Function<String, java.net.URI> at, String path)
            throws Exception {
        return http.send(HttpRequest.newBuilder(at.apply(path)).timeout(Duration.ofSeconds(60))
                                    .header("Cookie", "JSESSIONID=" + session).GET().build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
