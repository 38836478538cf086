package cn.mediation.app.storage;

import cn.mediation.store.StoreBackend;
import com.mongodb.MongoTimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With the database unreachable, a call fails within the configured server-selection timeout, not the driver's
 * default 30 s (which held a server thread per request during an outage); a timeout the URI sets itself wins.
 */
class MongoTimeoutsTest {

    @Test
    void aCallToAnUnreachableServerFailsWithinTheConfiguredTimeout(@TempDir Path directory) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (MongoConnection connection = MongoConfiguration.open(external(
                "mongodb://127.0.0.1:" + closedPort, directory, Duration.ofMillis(500)))) {
            long began = System.nanoTime();
            assertThatThrownBy(() -> connection.database().runCommand(new Document("ping", 1)))
                    .isInstanceOf(MongoTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void theUrisOwnTimeoutWins(@TempDir Path directory) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (MongoConnection connection = MongoConfiguration.open(external(
                "mongodb://127.0.0.1:" + closedPort + "/?serverSelectionTimeoutMS=300", directory,
                Duration.ofMinutes(5)))) {
            long began = System.nanoTime();
            assertThatThrownBy(() -> connection.database().runCommand(new Document("ping", 1)))
                    .isInstanceOf(MongoTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        }
    }

    private static MongoSettings external(String uri, Path directory, Duration selection) {
        MongoSettings embedded = MongoSettings.embeddedIn(directory, "timeouts", StoreBackend.Engine.ROCKSDB,
                                                          StoreBackend.Durability.FSYNC);
        return new MongoSettings(uri, "timeouts", selection, Duration.ofMillis(500), Duration.ofSeconds(5),
                                 embedded.embedded());
    }
}
