package cn.mediation.app.config;

import cn.mediation.core.region.RegionDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;

/** The clock (business dates are in China Standard Time) and the region directory. */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

    @Bean
    public Clock clock(@Value("${mediation.time-zone:Asia/Shanghai}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    /** The directory from {@code mediation.regions.file}, or the shipped Bazhong sample. */
    @Bean
    public RegionDirectory regionDirectory(@Value("${mediation.regions.file:}") String file) throws IOException {
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
