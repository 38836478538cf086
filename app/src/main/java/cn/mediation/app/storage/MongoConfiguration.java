package cn.mediation.app.storage;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * With {@code MONGODB_URI} set, connects to that MongoDB (write concern majority with journal unless the URI says
 * otherwise) and starts nothing. Without it, starts mongo-java-server with its H2 backend on 127.0.0.1 (files under
 * {@code mediation.mongo.embedded.data-dir}, default {@code ./data}) and connects to it over the wire protocol.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    @Bean(destroyMethod = "close")
    public MongoConnection mongoConnection(@Value("${mediation.mongo.uri:}") String uri,
                                           @Value("${mediation.mongo.database:mediation}") String databaseName,
                                           @Value("${mediation.mongo.embedded.port:27018}") int port,
                                           @Value("${mediation.mongo.embedded.data-dir:./data}") String dataDir) {
        if (uri != null && !uri.isBlank()) {
            ConnectionString connection = new ConnectionString(uri);
            MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection);
            if (connection.getWriteConcern() == null) {
                settings.writeConcern(WriteConcern.MAJORITY.withJournal(true));
            }
            settings.applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS));
            MongoClient client = MongoClients.create(settings.build());
            String name = connection.getDatabase() != null ? connection.getDatabase() : databaseName;
            log.info("Using the MongoDB at {} (database {})", connection.getHosts(), name);
            return new MongoConnection(client, client.getDatabase(name), "external " + connection.getHosts(), null, null);
        }
        Path directory = Path.of(dataDir).toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + directory, e);
        }
        Path file = directory.resolve("mediation.mv.db");
        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        int boundPort = server.getLocalAddress().getPort();
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + boundPort))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build());
        log.info("Started the embedded MongoDB on 127.0.0.1:{} with its data in {}", boundPort, file);
        return new MongoConnection(client, client.getDatabase(databaseName),
                                   "embedded 127.0.0.1:" + boundPort + " (" + file + ")", server, backend);
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
