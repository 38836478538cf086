package cn.mediation.app.api;

import cn.mediation.app.support.AppTestBase;
import cn.mediation.core.audit.AuditLedger;
import cn.mediation.core.audit.DaySeal;
import cn.mediation.core.audit.SealedDay;
import cn.mediation.core.eventstore.EventLogExport;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily digests are sealed under a key the database does not hold: generated into the data folder at the first
 * start (owner-only), and checked by the import, so a log whose events, chains and digests were all recomputed is
 * refused at the first day whose seal does not hold.
 */
class AuditSealApiTest extends AppTestBase {

    @Value("${mediation.mongo.embedded.data-dir}")
    private String dataDir;

    @Test
    void theSealKeyIsGeneratedOutsideTheDatabaseReadableByItsOwnerOnly() throws Exception {
        Path key = Path.of(dataDir).resolve("audit-seal.key");
        assertThat(key).exists();
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(key).strip())).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void aSealedDayRecomputedWithoutTheKeyIsRefusedNamingTheDay() throws Exception {
        register("511902101001", "NEIGHBOURS", "SWEEP", "2026-03-02");
        Download download = downloadAs(ADMIN, "/api/admin/events/export");
        assertThat(download.status()).isEqualTo(200);
        List<String> lines = new ArrayList<>(new String(download.body(), StandardCharsets.UTF_8).lines()
                                                     .filter(line -> !line.startsWith("{\"sealedDay\"")).toList());
        // the day of the first event, digested from the file as whoever rewrote it would
        LocalDate day = null;
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long count = 0;
        for (String line : lines) {
            BsonDocument event = BsonDocument.parse(line);
            if (!event.containsKey("timestamp")) {
                continue;
            }
            LocalDate on = AuditLedger.dayOf(new Date(event.getDateTime("timestamp").getValue()));
            day = day == null ? on : day;
            if (on.equals(day)) {
                digest.update((event.getString("hash").getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                count++;
            }
        }
        String dayDigest = HexFormat.of().formatHex(digest.digest());

        DaySeal deployment = new DaySeal(Base64.getDecoder().decode(
                Files.readString(Path.of(dataDir).resolve("audit-seal.key")).strip()));
        DaySeal another = new DaySeal(new byte[32]);
        SealedDay sealedHere = new SealedDay(day, count, dayDigest, Instant.now(),
                                             deployment.of(day, count, dayDigest, null));
        SealedDay sealedElsewhere = new SealedDay(day, count, dayDigest, Instant.now(),
                                                  another.of(day, count, dayDigest, null));

        // sealed with the deployment's key the file holds; it is refused only because this store is not empty
        Response genuine = importLines(lines, sealedHere);
        assertThat(genuine.status()).as(String.valueOf(genuine.body())).isEqualTo(409);

        Response forged = importLines(lines, sealedElsewhere);
        assertThat(forged.status()).as(String.valueOf(forged.body())).isEqualTo(422);
        assertThat(forged.body().get("line").asLong()).isEqualTo(lines.size() + 1);
        assertThat(forged.body().get("reason").asText()).contains(day.toString())
                                                         .contains("not the one sealed under this deployment's key");
    }

    private Response importLines(List<String> lines, SealedDay day) {
        List<String> file = new ArrayList<>(lines);
        file.add(EventLogExport.sealedDayLine(day));
        return request("POST", "/api/admin/events/import", String.join("\n", file),
                       Map.of("Authorization", basic(ADMIN), "Content-Type", "application/x-ndjson"));
    }
}
