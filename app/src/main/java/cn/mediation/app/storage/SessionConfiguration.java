package cn.mediation.app.storage;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.Date;

/**
 * Login sessions live in MongoDB ({@code sessions}, Spring Session), on the same store as everything else, so a
 * session opened on one instance is served by any other behind the load balancer. Spring Boot sets the repository up
 * from this template; the cookie keeps its name and attributes ({@code server.servlet.session.cookie.*}) and the
 * timeout ({@code server.servlet.session.timeout}). An expired session is never served; its document is deleted by
 * the MongoDB server's TTL index where it has one, and here every ten minutes in any case (the embedded server has
 * no TTL monitor).
 */
@Configuration(proxyBeanMethods = false)
public class SessionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SessionConfiguration.class);

    /** Spring Data's view of the application's own connection (the one database, embedded or external). */
    @Bean
    public MongoTemplate mongoTemplate(MongoConnection connection) {
        return new MongoTemplate(connection.client(), connection.database().getName());
    }

    @Bean
    public ExpiredSessions expiredSessions(MongoDatabase database) {
        return new ExpiredSessions(database);
    }

    /** Deletes the documents of expired sessions. */
    public static final class ExpiredSessions {

        private final MongoDatabase database;

        ExpiredSessions(MongoDatabase database) {
            this.database = database;
        }

        @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
        public void delete() {
            try {
                database.getCollection("sessions")
                        .deleteMany(new Document("expireAt", new Document("$lt", new Date())));
            } catch (RuntimeException e) {
                log.warn("Deleting expired login sessions failed; trying again later: {}", e.toString());
            }
        }
    }
}
