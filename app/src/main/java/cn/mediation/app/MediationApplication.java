package cn.mediation.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.actuate.autoconfigure.data.mongo.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The runnable server: the write side, the read side, the embedded MongoDB default and the web pages. */
// the MongoDB connection is the application's own (MongoConfiguration), and so is its health indicator
@SpringBootApplication(scanBasePackages = "cn.mediation",
        exclude = {MongoAutoConfiguration.class, MongoDataAutoConfiguration.class,
                   MongoRepositoriesAutoConfiguration.class, MongoHealthContributorAutoConfiguration.class})
// every module's settings are records annotated @ConfigurationProperties, validated as they are bound
@ConfigurationPropertiesScan("cn.mediation")
public class MediationApplication {

    public static void main(String[] args) {
        // no calls home: the server runs in closed networks and reports nothing about its deployment
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
        SpringApplication.run(MediationApplication.class, args);
    }
}
