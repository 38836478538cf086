package cn.mediation.app.storage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.mediation.store.StoreBackend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded MongoDB opens no TCP port unless asked: it answers on a Unix domain socket that only the server's
 * user can open, and a port for inspection comes only from an explicit setting, with a warning.
 */
class EmbeddedSocketTest {

    @Test
    void byDefaultNoPortOpensAndTheSocketIsPrivate(@TempDir Path directory) throws IOException {
        Set<Integer> before = listeningPorts();
        try (MongoConnection connection = MongoConfiguration.open(settings(directory, null, null))) {
            connection.database().getCollection("probe").insertOne(new Document("_id", "written"));

            assertThat(listeningPorts()).as("TCP ports this process listens on").isEqualTo(before);
            Path socket = connection.socket();
            assertThat(socket).isEqualTo(directory.resolve("run").resolve("mongodb.sock"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                    .isEqualTo("rwx------");
            assertThat(connection.description()).startsWith("embedded unix:" + socket).doesNotContain("127.0.0.1");
            // another client of this user reaches it through the socket, as a second instance would
            try (MongoClient other = MongoClients.create(MongoConfiguration.socketUri(socket, "mediation"))) {
                assertThat(other.getDatabase("mediation").getCollection("probe").find().first())
                        .containsEntry("_id", "written");
            }
        }
        assertThat(directory.resolve("run").resolve("mongodb.sock")).as("removed at a clean stop").doesNotExist();
    }

    @Test
    void aSocketLeftByAKilledProcessIsReplaced(@TempDir Path directory) throws IOException {
        Path stale = directory.resolve("run").resolve("mongodb.sock");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "left behind");
        try (MongoConnection connection = MongoConfiguration.open(settings(directory, null, null))) {
            connection.database().getCollection("probe").insertOne(new Document("_id", 1));
            assertThat(connection.database().getCollection("probe").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void aDataFolderTooDeepForASocketPathPutsItInAPrivateTemporaryFolder(@TempDir Path directory) {
        Path deep = directory.resolve("a".repeat(60)).resolve("b".repeat(60));
        Path socket = MongoConfiguration.socketPath(settings(deep, null, null).embedded(), deep);
        assertThat(socket.toString().length()).isLessThanOrEqualTo(DomainSocketServer.MAX_PATH_BYTES);
        assertThat(socket.getFileName()).hasToString("mongodb.sock");
        assertThat(socket).isNotEqualTo(MongoConfiguration.socketPath(settings(directory, null, null).embedded(),
                                                                      directory));
        assertThat(MongoConfiguration.socketPath(settings(deep, directory.resolve("x.sock"), null).embedded(), deep))
                .as("a configured path wins").isEqualTo(directory.resolve("x.sock"));
    }

    @Test
    void aDataFolderWithCapitalsGetsASocketTheDriverReaches(@TempDir Path directory) throws IOException {
        // the driver lower-cases a socket's path: /home/Zhang/data/run/mongodb.sock would never be found
        Path capitals = directory.resolve("Mediation Data").resolve("Bureau");
        try (MongoConnection connection = MongoConfiguration.open(settings(capitals, null, null))) {
            Path socket = connection.socket();
            assertThat(socket.toString()).isEqualTo(socket.toString().toLowerCase(Locale.ROOT));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                    .isEqualTo("rwx------");
            connection.database().getCollection("probe").insertOne(new Document("_id", "written"));
            try (MongoClient other = MongoClients.create(MongoConfiguration.socketUri(socket, "mediation"))) {
                assertThat(other.getDatabase("mediation").getCollection("probe").countDocuments()).isEqualTo(1);
            }
        }
    }

    @Test
    void aSocketFolderAnotherUserMadeIsRefused(@TempDir Path directory) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                                                     "only root can give a folder to another user");
        Path theirs = directory.resolve("theirs");
        Files.createDirectories(theirs);
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThatThrownBy(() -> MongoConfiguration.open(settings(directory, theirs.resolve("m.sock"), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to another user");
    }

    @Test
    void aConfiguredSocketWithCapitalsIsRefusedNamingTheSetting(@TempDir Path directory) {
        assertThatThrownBy(() -> MongoConfiguration.open(settings(directory, directory.resolve("Mongo.sock"), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("capital letters").hasMessageContaining("mediation.mongo.embedded.socket");
    }

    @Test
    void aSocketThatCannotBeOpenedStopsTheStartNamingTheSettingAndReleasesTheStore(@TempDir Path directory) {
        Path tooLong = directory.resolve("x".repeat(120) + ".sock");
        assertThatThrownBy(() -> MongoConfiguration.open(settings(directory, tooLong, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mediation.mongo.embedded.socket").hasMessageContaining("MONGODB_URI");
        try (MongoConnection connection = MongoConfiguration.open(settings(directory, null, null))) {
            assertThat(connection.database().runCommand(new Document("ping", 1)).get("ok")).isEqualTo(1.0);
        }
    }

    @Test
    void aPortForInspectionIsOpenedOnlyWhenAskedAndWarnedAbout(@TempDir Path directory) throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(MongoConfiguration.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        try (MongoConnection connection = MongoConfiguration.open(settings(directory, null, 0))) {
            Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)").matcher(connection.description());
            assertThat(port.find()).as(connection.description()).isTrue();
            int number = Integer.parseInt(port.group(1));
            assertThat(listeningPorts()).as("the same census sees the port it asked for").contains(number);
            try (MongoClient inspector = MongoClients.create("mongodb://127.0.0.1:" + number)) {
                assertThat(inspector.getDatabase("mediation").runCommand(new Document("ping", 1)).get("ok"))
                        .isEqualTo(1.0);
            }
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.2", number), 2_000);
                }
            }).as("the port listens on the loopback address it was given only").isInstanceOf(IOException.class);
        } finally {
            logger.detachAppender(warnings);
        }
        assertThat(warnings.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("no authentication").contains("mediation.mongo.embedded.port");
        });
    }

    private static MongoSettings settings(Path directory, Path socket, Integer port) {
        return new MongoSettings(null, "mediation", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30),
                                 new MongoSettings.Embedded(directory, StoreBackend.Engine.ROCKSDB,
                                                            StoreBackend.Durability.PROCESS, socket, port,
                                                            "127.0.0.1"));
    }

    /** The TCP ports this process listens on, from the kernel's socket tables and this process's descriptors. */
    private static Set<Integer> listeningPorts() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) descriptors::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing is not a listening socket of ours
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] columns = line.trim().split("\\s+");
                boolean listening = "0A".equals(columns[3]);
                if (listening && inodes.contains(columns[9])) {
                    String local = columns[1];
                    ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
