package cn.mediation.app.config;

import cn.mediation.core.region.RegionDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** The clock (business dates are in China Standard Time) and the region directory. */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

    @Bean
    public Clock clock(DeploymentSettings deployment) {
        return Clock.system(deployment.timeZone());
    }

    /** The directory from {@code mediation.regions.file}, or the shipped Bazhong sample. */
    @Bean
    public RegionDirectory regionDirectory(DeploymentSettings deployment) throws IOException {
        String file = deployment.regions().file();
        if (file != null && !file.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                return RegionDirectory.load(in);
            }
        }
        try (InputStream in = RegionDirectory.class.getResourceAsStream("/regions/bazhong-sample.csv")) {
            return RegionDirectory.load(in);
        }
    }
}
