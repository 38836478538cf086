package cn.mediation.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Path;

/** The backends the contract suite runs on: ours on each engine, and the H2 backend it replaces. */
enum Backends {
    ROCKSDB, SQLITE, H2;

    MongoBackend open(Path directory) {
        return switch (this) {
            case ROCKSDB -> StoreBackend.open(StoreBackend.Engine.ROCKSDB, directory, StoreBackend.Durability.PROCESS);
            case SQLITE -> StoreBackend.open(StoreBackend.Engine.SQLITE, directory, StoreBackend.Durability.PROCESS);
            case H2 -> new H2Backend(directory.resolve("store.mv.db").toString());
        };
    }

    /** A server on a store in {@code directory}, reached through the real driver. */
    Running start(Path directory) {
        MongoBackend backend = open(directory);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        return new Running(backend, server, client);
    }

    record Running(MongoBackend backend, MongoServer server, MongoClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.shutdownNow();
            backend.close();
        }
    }
}
