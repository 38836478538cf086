package cn.mediation.app.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Login sessions live in MongoDB ({@code sessions}, Spring Session), on the same store as everything else, so a
 * session opened on one instance is served by any other behind the load balancer. Spring Boot sets the repository up
 * from this template; the cookie keeps its name and attributes ({@code server.servlet.session.cookie.*}) and the
 * timeout ({@code server.servlet.session.timeout}).
 */
@Configuration(proxyBeanMethods = false)
public class SessionConfiguration {

    /** Spring Data's view of the application's own connection (the one database, embedded or external). */
    @Bean
    public MongoTemplate mongoTemplate(MongoConnection connection) {
        return new MongoTemplate(connection.client(), connection.database().getName());
    }
}
