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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * With {@code MONGODB_URI} set, connects to that MongoDB (write concern majority with journal unless the URI says
 * otherwise) and starts nothing. Without it, starts mongo-java-server on the project's store on 127.0.0.1 (files in
 * {@code store/} under {@code mediation.mongo.embedded.data-dir}, default {@code ./data}; engine
 * {@code mediation.mongo.embedded.engine}, rocksdb or sqlite; durability {@code mediation.mongo.embedded.durability},
 * fsync or process) and connects to it over the wire protocol. A data folder written by the earlier H2 backend is
 * migrated first ({@link H2Migration}).
 * Either way the driver's waits are bounded ({@code mediation.mongo.server-selection-timeout}, {@code connect-timeout},
 * {@code socket-timeout}), so an outage turns requests into quick {@code 503}s rather than hung threads.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /** The connection on the embedded server bound to 127.0.0.1, or on {@code uri}. */
    public MongoConnection mongoConnection(String uri, String databaseName, int port, String dataDir,
                                           StoreBackend.Engine engine, StoreBackend.Durability durability,
                                           Duration selection, Duration connect, Duration socket) {
        return mongoConnection(uri, databaseName, port, "127.0.0.1", dataDir, engine, durability, selection, connect,
                               socket);
    }

    @Bean(name = "mongoConnection", destroyMethod = "close")
    public MongoConnection mongoConnection(@Value("${mediation.mongo.uri:}") String uri,
                                           @Value("${mediation.mongo.database:mediation}") String databaseName,
                                           @Value("${mediation.mongo.embedded.port:27018}") int port,
                                           @Value("${mediation.mongo.embedded.bind-address:127.0.0.1}")
                                           String bindAddress,
                                           @Value("${mediation.mongo.embedded.data-dir:./data}") String dataDir,
                                           @Value("${mediation.mongo.embedded.engine:rocksdb}") StoreBackend.Engine engine,
                                           @Value("${mediation.mongo.embedded.durability:fsync}")
                                           StoreBackend.Durability durability,
                                           @Value("${mediation.mongo.server-selection-timeout:PT5S}") Duration selection,
                                           @Value("${mediation.mongo.connect-timeout:PT5S}") Duration connect,
                                           @Value("${mediation.mongo.socket-timeout:PT60S}") Duration socket) {
        if (uri != null && !uri.isBlank()) {
            ConnectionString connection = new ConnectionString(uri);
            MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection);
            if (connection.getWriteConcern() == null) {
                settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
            }
            MongoClient client = MongoClients.create(failingFast(settings, connection, selection, connect, socket).build());
            String name = connection.getDatabase() != null ? connection.getDatabase() : databaseName;
            log.info("Using the MongoDB at {} (database {})", connection.getHosts(), name);
            return new MongoConnection(client, client.getDatabase(name), "external " + connection.getHosts(), null, null,
                                       null, false);
        }
        Path directory = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory, e);
        }
        Path storeDirectory = directory.resolve("store");
        H2Migration.migrateIfNeeded(directory, storeDirectory, engine);
        StoreBackend backend = StoreBackend.open(engine, storeDirectory, StoreBackend.Durability.PROCESS);
        MongoServer server = new MongoServer(backend);
        if (!isLoopback(bindAddress)) {
            // mongo-java-server has no authentication: whoever reaches the port reads and writes everything
            log.warn("The embedded MongoDB listens on {} (mediation.mongo.embedded.bind-address), beyond this machine: it "
                     + "has no authentication, so anyone who reaches that port can read the personal-data keys and "
                     + "add users. Keep it on 127.0.0.1 unless a firewall closes the port", bindAddress);
        }
        try {
            server.bind(bindAddress, port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        int boundPort = server.getLocalAddress().getPort();
        ConnectionString local = new ConnectionString("mongodb://127.0.0.1:" + boundPort);
        MongoClient client = MongoClients.create(failingFast(MongoClientSettings.builder().applyConnectionString(local),
                                                             local, selection, connect, socket).build());
        log.info("Started the embedded MongoDB on 127.0.0.1:{} with its data in {} ({}; acknowledged steps {})",
                 boundPort, storeDirectory, backend.describe(),
                 durability == StoreBackend.Durability.FSYNC ? "fsynced" : "committed to the operating system");
        return new MongoConnection(client, client.getDatabase(databaseName),
                                   "embedded 127.0.0.1:" + boundPort + " (" + backend.describe() + ")", server, backend,
                                   directory, durability == StoreBackend.Durability.FSYNC);
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
                                                           Duration selection, Duration connect, Duration socket) {
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
