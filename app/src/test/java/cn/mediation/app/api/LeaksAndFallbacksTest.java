package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a curious caller learns from the edges: a language that is none of ours falls back to Chinese (never a 500,
 * never a log line from it), health shows its details to administrators only, and an id of one kind of record used
 * for another is a conflict, not an internal error that tells it exists.
 */
class LeaksAndFallbacksTest extends AppTestBase {

    @Test
    void anUnknownOrMalformedLanguageFallsBackToChinese() {
        for (String lang : new String[] {"%3Cscript%3E", "%0aINJECTED%20line", "xx-%25ZZ", "en%0d%0a"}) {
            Response page = request("GET", "/login?lang=" + lang, null, Map.of());
            assertThat(page.status()).as(lang).isEqualTo(200);
        }
        Response chinese = request("GET", "/login?lang=%3Cscript%3E", null, Map.of());
        assertThat(chinese.body().asText()).contains("登录");
        Response workbench = request("GET", "/?lang=%3Cscript%3E", null, Map.of("Authorization", basic(MEDIATOR)));
        assertThat(workbench.status()).isEqualTo(200);
        assertThat(workbench.body().asText()).contains("lang=\"zh-CN\"");
        for (String cookie : new String[] {"lang=%%%", "lang=<script>", "lang=en_XX_$$$_zz"}) {
            Response page = request("GET", "/login", null, Map.of("Cookie", cookie));
            assertThat(page.status()).as(cookie).isEqualTo(200);
            Response api = request("GET", "/api/fields", null, Map.of("Cookie", cookie,
                                                                        "Authorization", basic(ANALYST)));
            assertThat(api.status()).as(cookie).isEqualTo(200);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    private cn.mediation.app.storage.MongoConnection mongo;

    @Test
    void theRunningEmbeddedDatabaseIsReachedThroughItsPrivateSocketOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(mongo.embedded(), "runs on the embedded server");
        assertThat(mongo.socket()).isNotNull();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(mongo.socket().getParent()))).isEqualTo("rwx------");
        assertThat(mongo.description()).as("no port besides the socket").doesNotContainPattern(":\\d+");
    }

    @Test
    void anonymousHealthShowsTheStatusOnly() {
        Response anonymous = request("GET", "/actuator/health", null, Map.of());
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().has("status")).isTrue();
        assertThat(anonymous.body().has("components")).isFalse();
        assertThat(anonymous.body().toString()).doesNotContain("127.0.0.1").doesNotContain("mediation-test-data");
        Response analyst = getAs(ANALYST, "/actuator/health");
        assertThat(analyst.body().has("components")).isFalse();
        Response admin = getAs(ADMIN, "/actuator/health");
        assertThat(admin.body().at("/components/mongo/details").isObject()).isTrue();
    }

    @Test
    void anIdOfOneKindOfRecordUsedForAnotherIsAConflict() {
        String disputeId = register("511902101001", "NEIGHBOURS", "SWEEP", "2026-03-02");
        Response committee = postAs(ADMIN, "/api/committees", Map.of("id", disputeId, "name", "样例调委会",
                                                                      "regionCode", "511902101001",
                                                                      "field", "NEIGHBOURS"));
        assertThat(committee.status()).as(String.valueOf(committee.body())).isEqualTo(409);
        assertThat(committee.contentType()).startsWith("application/problem+json");
        assertThat(committee.body().at("/errors/0/field").asText()).isEqualTo("id");
        // (a dispute's id is a UUID, so a committee's id cannot be sent as one)
    }
}
