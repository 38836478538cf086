package cn.mediation.app.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import cn.mediation.store.StoreBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * With {@code MONGODB_URI} set, connects to that MongoDB (write concern majority with journal unless the URI says
 * otherwise) and starts nothing. Without it, starts mongo-java-server on the project's store (files in {@code store/}
 * under the data folder; engine rocksdb or sqlite; durability fsync or process) and connects to it over the wire
 * protocol through a Unix domain socket only this user can open ({@link DomainSocketServer}): no TCP port, unless
 * {@code mediation.mongo.embedded.port} asks for one to look in with mongosh (with a warning, since it has no
 * authentication). A data folder written by the earlier H2 backend is migrated first ({@link H2Migration}).
 * Either way the driver's waits are bounded (the timeouts of {@link MongoSettings}), so an outage turns requests into
 * quick {@code 503}s rather than hung threads.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);
    private static final String SOCKET_NAME = "mongodb.sock";

    @Bean(name = "mongoConnection", destroyMethod = "close")
    public MongoConnection mongoConnection(MongoSettings settings) {
        return open(settings);
    }

    /** The connection {@code settings} describe: to the MongoDB at their URI, or to the embedded server it starts. */
    public static MongoConnection open(MongoSettings settings) {
        if (settings.external()) {
            ConnectionString connection = new ConnectionString(settings.uri());
            MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(connection);
            if (connection.getWriteConcern() == null) {
                builder.writeConcern(WriteConcern.MAJORITY.withJournal(true));
            }
            MongoClient client = MongoClients.create(failingFast(builder, connection, settings).build());
            String name = connection.getDatabase() != null ? connection.getDatabase() : settings.database();
            log.info("Using the MongoDB at {} (database {})", connection.getHosts(), name);
            return new MongoConnection(client, client.getDatabase(name), "external " + connection.getHosts(), null,
                                       null, null, null, false);
        }
        MongoSettings.Embedded embedded = settings.embedded();
        Path directory = embedded.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory, e);
        }
        Path storeDirectory = directory.resolve("store");
        H2Migration.migrateIfNeeded(directory, storeDirectory, embedded.engine());
        StoreBackend backend = StoreBackend.open(embedded.engine(), storeDirectory, StoreBackend.Durability.PROCESS);
        DomainSocketServer socket = null;
        MongoServer inspection = null;
        try {
            Path socketPath = socketPath(embedded, directory);
            try {
                socket = DomainSocketServer.bind(backend, socketPath);
            } catch (RuntimeException e) {
                throw new IllegalStateException("The embedded MongoDB cannot listen on the Unix domain socket "
                                                + socketPath + " (" + e.getMessage() + "): set "
                                                + "mediation.mongo.embedded.socket to a shorter, lower-case path in a "
                                                + "folder this user may write, or MONGODB_URI to use a MongoDB server", e);
            }
            if (embedded.port() != null) {
                inspection = new MongoServer(backend);
                inspection.bind(embedded.bindAddress(), embedded.port());
                log.warn("The embedded MongoDB also listens on {}:{} (mediation.mongo.embedded.port) for inspection. "
                         + "That port has no authentication: any process that reaches it reads the parties' "
                         + "encrypted data and its wrapped keys and can add users. Leave the setting unset in "
                         + "production{}", embedded.bindAddress(), inspection.getLocalAddress().getPort(),
                         isLoopback(embedded.bindAddress()) ? ""
                                 : "; it listens beyond this machine, so only a firewall closes it now");
            }
        } catch (RuntimeException e) {
            if (socket != null) {
                socket.close();
            }
            backend.close();
            throw e;
        }
        MongoClient client = MongoClients.create(
                failingFast(socket.clientSettings(), new ConnectionString("mongodb://localhost"), settings).build());
        String where = "unix:" + socket.socket()
                       + (inspection == null ? "" : " and " + embedded.bindAddress() + ":"
                                                    + inspection.getLocalAddress().getPort());
        log.info("Started the embedded MongoDB on {} with its data in {} ({}; acknowledged steps {})", where,
                 storeDirectory, backend.describe(),
                 embedded.durability() == StoreBackend.Durability.FSYNC ? "fsynced"
                         : "committed to the operating system");
        return new MongoConnection(client, client.getDatabase(settings.database()),
                                   "embedded " + where + " (" + backend.describe() + ")", socket, inspection, backend,
                                   directory, embedded.durability() == StoreBackend.Durability.FSYNC);
    }

    /**
     * The socket's path: the one configured, else {@code run/mongodb.sock} in the data folder, else (when that path is
     * longer than a socket's may be, or has capital letters, which the MongoDB driver lower-cases) the same name in a
     * private folder of the system's temporary folder named for the data folder and the user.
     */
    static Path socketPath(MongoSettings.Embedded embedded, Path directory) {
        if (embedded.socket() != null && !embedded.socket().toString().isBlank()) {
            return embedded.socket().toAbsolutePath().normalize();
        }
        Path inData = directory.resolve("run").resolve(SOCKET_NAME);
        if (DomainSocketServer.reachable(inData)) {
            return inData;
        }
        String folder = "mediation-" + sha256(System.getProperty("user.name", "") + "\0" + directory).substring(0, 16);
        for (String base : List.of(System.getProperty("java.io.tmpdir"), "/tmp")) {
            Path candidate = Path.of(base).toAbsolutePath().normalize().resolve(folder).resolve(SOCKET_NAME);
            if (DomainSocketServer.reachable(candidate)) {
                return candidate;
            }
        }
        // nothing better: bind refuses it, naming the setting that chooses another
        return inData;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                                          .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URI another process on this machine reaches the embedded server at (the tests' and benches' instances). */
    public static String socketUri(Path socket, String database) {
        return "mongodb://" + java.net.URLEncoder.encode(socket.toAbsolutePath().toString(), StandardCharsets.UTF_8)
               + "/" + database;
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("mediation.mongo.embedded.bind-address is not an address: " + address, e);
        }
    }

    /**
     * Bounds how long a request waits for an unreachable server (the driver waits 30 s by default and never times out
     * a read): during an outage requests fail within seconds, as {@code 503}, instead of holding every server thread.
     * A timeout the URI sets itself wins.
     */
    private static MongoClientSettings.Builder failingFast(MongoClientSettings.Builder settings, ConnectionString uri,
                                                           MongoSettings limits) {
        Duration selection = limits.serverSelectionTimeout();
        Duration connect = limits.connectTimeout();
        Duration socket = limits.socketTimeout();
        if (uri.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(c -> c.serverSelectionTimeout(selection.toMillis(), TimeUnit.MILLISECONDS));
        }
        settings.applyToSocketSettings(c -> {
            if (uri.getConnectTimeout() == null) {
                c.connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (uri.getSocketTimeout() == null) {
                c.readTimeout((int) socket.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        return settings;
    }

    @Bean
    public MongoDatabase mongoDatabase(MongoConnection connection) {
        return connection.database();
    }

    @Bean
    public MongoClient mongoClient(MongoConnection connection) {
        return connection.client();
    }
}
