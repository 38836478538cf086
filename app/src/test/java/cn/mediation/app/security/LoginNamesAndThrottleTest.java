package cn.mediation.app.security;

import cn.mediation.app.support.AppTestBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User names are one account in any case, and guessing is slowed per name and per client address: a look-alike
 * account cannot be created to reset the administrator's count, and a spray of names from one address slows that
 * address, not the users who work elsewhere or who logged in from it before.
 */
class LoginNamesAndThrottleTest extends AppTestBase {

    @Test
    void aNameThatDiffersOnlyInCaseIsTaken() {
        Response admin = postAs(ADMIN, "/api/admin/users",
                                Map.of("username", "Admin", "password", PASSWORD, "role", "ADMIN", "region", CITY));
        assertThat(admin.status()).isEqualTo(409);
        assertThat(admin.body().at("/errors/0/field").asText()).isEqualTo("username");

        String name = "Mixed-" + newId().substring(0, 8);
        Response created = postAs(ADMIN, "/api/admin/users",
                                  Map.of("username", name, "password", PASSWORD, "role", "ANALYST", "region", CITY));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("username").asText()).isEqualTo(name.toLowerCase(java.util.Locale.ROOT));
        Response fullWidth = postAs(ADMIN, "/api/admin/users",
                                    Map.of("username", name.toUpperCase(java.util.Locale.ROOT), "password", PASSWORD,
                                           "role", "ANALYST", "region", CITY));
        assertThat(fullWidth.status()).isEqualTo(409);
        // the login takes the name in any case
        assertThat(request("GET", "/api/fields", null,
                           Map.of("Authorization", basic(name.toUpperCase(java.util.Locale.ROOT), PASSWORD))).status())
                .isEqualTo(200);
    }

    @Test
    void aLookAlikeCannotResetAnotherNamesFailures() {
        String victim = "victim-" + newId().substring(0, 8);
        user(victim, "ANALYST", CITY);
        for (int i = 0; i < 4; i++) {
            assertThat(status(victim, "wrong-password")).isEqualTo(401);
        }
        String lookAlike = victim.toUpperCase(java.util.Locale.ROOT);
        assertThat(postAs(ADMIN, "/api/admin/users", Map.of("username", lookAlike, "password", "look-alike-password",
                                                             "role", "ANALYST", "region", CITY)).status())
                .isEqualTo(409);
        // the look-alike's "login" is a fifth wrong password for the victim, not a success that clears its count
        assertThat(status(lookAlike, "look-alike-password")).isEqualTo(401);
        assertThat(status(victim, PASSWORD)).isEqualTo(429);
    }

    @Test
    void aSprayOfNamesFromOneAddressSlowsThatAddressOnly() throws IOException {
        InetAddress spraying = InetAddress.getByName("127.0.0.2");
        InetAddress elsewhere = InetAddress.getByName("127.0.0.3");
        String regular = "regular-" + newId().substring(0, 8);
        String newcomer = "newcomer-" + newId().substring(0, 8);
        user(regular, "ANALYST", CITY);
        user(newcomer, "ANALYST", CITY);
        assertThat(statusFrom(spraying, regular, PASSWORD)).as("a user who logs in from that address").isEqualTo(200);

        String spray = newId().substring(0, 8);
        int refused = 0;
        for (int i = 0; i < 300; i++) {
            refused += statusFrom(spraying, "ghost-" + spray + "-" + i, "guess") == 401 ? 1 : 0;
        }
        assertThat(refused).isEqualTo(300);

        assertThat(statusFrom(spraying, newcomer, PASSWORD)).as("a name new at the spraying address").isEqualTo(429);
        assertThat(statusFrom(spraying, "ghost-" + spray + "-more", "guess")).isEqualTo(429);
        assertThat(statusFrom(elsewhere, newcomer, PASSWORD)).as("the same name elsewhere").isEqualTo(200);
        assertThat(statusFrom(spraying, regular, PASSWORD)).as("a name known at that address").isEqualTo(200);
    }

    private int status(String username, String password) {
        return request("GET", "/api/fields", null, Map.of("Authorization", basic(username, password))).status();
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                                                                     .getBytes(StandardCharsets.UTF_8));
    }

    /** One GET over a socket bound to a client address of the loopback network: the status code. */
    private int statusFrom(InetAddress client, String username, String password) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, client, 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/fields HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: "
                    + basic(username, password) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
