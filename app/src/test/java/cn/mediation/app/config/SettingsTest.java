package cn.mediation.app.config;

import cn.mediation.app.MediationApplication;
import cn.mediation.app.audit.AuditSettings;
import cn.mediation.app.axon.EventStoreSettings;
import cn.mediation.app.axon.PrivacySettings;
import cn.mediation.app.axon.ProjectionSettings;
import cn.mediation.app.axon.ReplaySettings;
import cn.mediation.app.security.SecuritySettings;
import cn.mediation.app.storage.MongoSettings;
import cn.mediation.app.web.WebSettings;
import cn.mediation.command.config.DateSettings;
import cn.mediation.command.config.SnapshotSettings;
import cn.mediation.query.support.ReadSideSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings are records bound by concern and checked as they are bound: a value out of its range stops the start
 * with a message naming the setting, and every {@code mediation.*} setting the shipped configuration uses is known to
 * the configuration metadata (so an IDE completes and documents it).
 */
class SettingsTest {

    private final ApplicationContextRunner settings = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(AllSettings.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({MongoSettings.class, EventStoreSettings.class, ProjectionSettings.class,
                                    ReplaySettings.class, PrivacySettings.class, AuditSettings.class,
                                    SecuritySettings.class, WebSettings.class, DeploymentSettings.class,
                                    SnapshotSettings.class, DateSettings.class, ReadSideSettings.class})
    static class AllSettings {
    }

    @Test
    void valuesOutOfRangeStopTheStartNamingTheSetting() {
        String[][] refused = {
                {"mediation.eventstore.batch-size=0", "mediation.eventstore", "batchSize"},
                {"mediation.security.bcrypt-strength=3", "mediation.security", "bcryptStrength"},
                {"mediation.security.login.max-failures=0", "mediation.security", "login.maxFailures"},
                {"mediation.mongo.embedded.port=70000", "mediation.mongo", "embedded.port"},
                {"mediation.mongo.embedded.engine=postgres", "mediation.mongo.embedded.engine", "postgres"},
                {"mediation.time-zone=Mars/Olympus", "mediation.time-zone", "Mars/Olympus"},
                {"mediation.projections.claim-timeout=soon", "mediation.projections.claim-timeout", "soon"},
                {"mediation.snapshot.threshold=0", "mediation.snapshot", "threshold"},
                {"mediation.overdue-days=0", "mediation.overdue-days", "at least 1"},
        };
        for (String[] row : refused) {
            settings.withPropertyValues(row[0]).run(context -> {
                assertThat(context).as(row[0]).hasFailed();
                assertThat(causes(context.getStartupFailure())).as(row[0]).contains(row[1]).contains(row[2]);
            });
        }
    }

    @Test
    void recordsBindTheShippedNamesAndTheirKebabCase() {
        settings.withPropertyValues("mediation.eventstore.hold-back=PT0.2S", "mediation.security.login.first-delay=PT2S",
                                    "mediation.mongo.embedded.port=27018", "mediation.web.max-body-bytes=4096",
                                    "mediation.dates.registration-age=P2Y", "mediation.node-id=second")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EventStoreSettings.class).holdBack()).isEqualTo(Duration.ofMillis(200));
                    assertThat(context.getBean(SecuritySettings.class).login().firstDelay())
                            .isEqualTo(Duration.ofSeconds(2));
                    assertThat(context.getBean(MongoSettings.class).embedded().port()).isEqualTo(27018);
                    assertThat(context.getBean(WebSettings.class).maxBodyBytes()).isEqualTo(4096);
                    assertThat(context.getBean(DateSettings.class).registrationAge().getYears()).isEqualTo(2);
                    assertThat(context.getBean(DeploymentSettings.class).nodeId()).isEqualTo("second");
                });
    }

    @Test
    void everySettingTheShippedConfigurationUsesIsInTheMetadata() throws IOException {
        Set<String> known = new HashSet<>();
        for (String file : new String[] {"spring-configuration-metadata.json",
                                         "additional-spring-configuration-metadata.json"}) {
            try (InputStream in = new ClassPathResource("META-INF/" + file, MediationApplication.class.getClassLoader())
                    .getInputStream()) {
                for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
                    known.add(property.get("name").asText());
                }
            }
        }
        Set<String> used = new HashSet<>();
        for (var source : new YamlPropertySourceLoader().load("shipped", new ClassPathResource("application.yml"))) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                if (name.startsWith("mediation.")) {
                    used.add(name);
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(known).as("settings with metadata").containsAll(used);
        // and none of the code reads a setting of ours outside the records
        try (var sources = Files.walk(Path.of("src/main/java"))) {
            assertThat(sources.filter(p -> p.toString().endsWith(".java"))
                              .filter(p -> read(p).contains("@Value(\"${mediation")))
                    .as("@Value(\"${mediation…\") outside the settings records").isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
