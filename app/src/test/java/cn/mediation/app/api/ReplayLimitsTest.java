package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the whole deployment's administrator may do, and what whole-log replays cost: a county administrator
 * cannot rebuild the city's read models; the same replay asked again before the log moves is answered from what was
 * kept, and a user who keeps the log moving gets 429 after the allowance.
 */
class ReplayLimitsTest extends AppTestBase {

    private static final String COUNTY = "511902000000";
    private static final String VILLAGE = "511902101001";

    @Test
    void onlyTheCityAdministratorRebuildsTheReadModels() {
        String countyAdmin = "county-admin-" + newId().substring(0, 8);
        user(countyAdmin, "ADMIN", COUNTY);
        Response refused = postAs(countyAdmin, "/api/admin/projections/statistics/rebuild", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(getAs(countyAdmin, "/api/admin/events/export").status()).isEqualTo(403);
    }

    @Test
    void aReplayIsKeptForTheLogPositionAndLimitedPerUser() {
        String auditor = "village-auditor-" + newId().substring(0, 8);
        user(auditor, "AUDITOR", VILLAGE);
        for (int i = 0; i < 15; i++) {
            Response again = getAs(auditor, "/api/admin/projections/verify");
            assertThat(again.status()).as("call " + i + " at the same log position").isEqualTo(200);
        }
        int refused = 0;
        for (int i = 0; i < 12 && refused == 0; i++) {
            register(VILLAGE, "NEIGHBOURS", "SWEEP", "2026-03-02");
            Response moved = getAs(auditor, "/api/admin/projections/verify");
            assertThat(moved.status()).isIn(200, 429);
            if (moved.status() == 429) {
                assertThat(Long.parseLong(moved.header("Retry-After"))).isPositive();
                refused = i;
            }
        }
        assertThat(refused).as("refused after the allowance of 10 a minute").isBetween(9, 10);
    }

    @Test
    void noReplayRunningIsSaidPlainly() {
        Response progress = getAs(AUDITOR, "/api/admin/projections/verify/progress");
        assertThat(progress.status()).isEqualTo(200);
        assertThat(progress.body().get("running").asBoolean()).isFalse();
    }
}
