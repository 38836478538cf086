package cn.mediation.app.storage;

import cn.mediation.store.StoreBackend;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the application keeps its data ({@code mediation.mongo.*}).
 *
 * @param uri                    a MongoDB to use ({@code MONGODB_URI}); empty starts the embedded server
 * @param database               the database's name when the URI names none
 * @param serverSelectionTimeout how long a request waits for an unreachable server before it fails with 503
 * @param connectTimeout         how long opening a connection may take
 * @param socketTimeout          how long one reply may take
 * @param embedded               the embedded server, when no URI is set
 */
@Validated
@ConfigurationProperties("mediation.mongo")
public record MongoSettings(String uri,
                            @DefaultValue("mediation") @NotBlank String database,
                            @DefaultValue("PT5S") @NotNull Duration serverSelectionTimeout,
                            @DefaultValue("PT5S") @NotNull Duration connectTimeout,
                            @DefaultValue("PT60S") @NotNull Duration socketTimeout,
                            @DefaultValue @Valid @NotNull Embedded embedded) {

    public boolean external() {
        return uri != null && !uri.isBlank();
    }

    /**
     * The embedded MongoDB: mongo-java-server on the project's store, reached over a Unix domain socket only this
     * user can open.
     *
     * @param dataDir     the data folder (the store in {@code store/}, the socket in {@code run/})
     * @param engine      the store's engine: rocksdb or sqlite
     * @param durability  fsync (an acknowledged step survives a power loss) or process (it survives a crash of the
     *                    process only)
     * @param socket      the socket's path; empty puts it in {@code run/mongodb.sock} under the data folder (or, if
     *                    that path is too long for a socket, in a private folder of the system's temporary folder)
     * @param port        a TCP port to open as well, for inspection with mongosh: it has no authentication, so
     *                    anyone who reaches it reads and writes everything. Unset (the default), none is opened
     * @param bindAddress the address that port listens on
     */
    public record Embedded(@DefaultValue("./data") @NotNull Path dataDir,
                           @DefaultValue("rocksdb") @NotNull StoreBackend.Engine engine,
                           @DefaultValue("fsync") @NotNull StoreBackend.Durability durability,
                           Path socket,
                           @Min(0) @Max(65535) Integer port,
                           @DefaultValue("127.0.0.1") @NotBlank String bindAddress) {
    }

    /** The embedded defaults on {@code dataDir} (for tools and tests that open a store outside Spring). */
    public static MongoSettings embeddedIn(Path dataDir, String database, StoreBackend.Engine engine,
                                           StoreBackend.Durability durability) {
        return new MongoSettings(null, database, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60),
                                 new Embedded(dataDir, engine, durability, null, null, "127.0.0.1"));
    }
}
