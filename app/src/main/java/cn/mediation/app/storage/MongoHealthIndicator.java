package cn.mediation.app.storage;

import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Actuator health of the MongoDB in use: pings it and says whether it is the embedded server or an external one. */
@Component("mongo")
public class MongoHealthIndicator implements HealthIndicator {

    private final MongoConnection connection;

    public MongoHealthIndicator(MongoConnection connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        try {
            Document ping = connection.database().runCommand(new Document("ping", 1));
            return Health.up()
                         .withDetail("server", connection.description())
                         .withDetail("embedded", connection.embedded())
                         .withDetail("database", connection.database().getName())
                         .withDetail("ok", ping.get("ok"))
                         .build();
        } catch (RuntimeException e) {
            return Health.down()
                         .withDetail("server", connection.description())
                         .withDetail("embedded", connection.embedded())
                         .withDetail("error", e.getClass().getSimpleName())
                         .build();
        }
    }
}
