package cn.mediation.app;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files a city's IT staff start from (Docker cannot run here, so they are read, not run):
 * docker-compose.yml runs two server instances on one MongoDB replica set behind nginx, each with a health check,
 * and the proxy sends to both.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoInstancesShareOneReplicaSetBehindTheProxy() throws IOException {
        Map<String, Object> services = services();
        assertThat(services).containsKeys("mongo", "app1", "app2", "proxy");

        Map<String, Object> first = (Map<String, Object>) services.get("app1");
        Map<String, Object> second = (Map<String, Object>) services.get("app2");
        String uri = (String) ((Map<String, Object>) first.get("environment")).get("MONGODB_URI");
        assertThat(uri).contains("replicaSet=rs0").contains("w=majority").contains("journal=true");
        assertThat(((Map<String, Object>) second.get("environment")).get("MONGODB_URI")).isEqualTo(uri);
        // the personal-data KEK and the audit seal key: required from the environment, the same for both
        // instances, never generated inside a container (where each would have its own, lost with it)
        for (String key : List.of("MEDIATION_PERSONAL_KEK", "MEDIATION_AUDIT_SEAL_KEY")) {
            String value = (String) ((Map<String, Object>) first.get("environment")).get(key);
            assertThat(value).as(key).isEqualTo("${" + key + ":?set " + key + ", see docs/operations.md}");
            assertThat(((Map<String, Object>) second.get("environment")).get(key)).as(key).isEqualTo(value);
        }
        for (Map<String, Object> app : List.of(first, second)) {
            assertThat(((Map<String, Object>) app.get("healthcheck")).get("test").toString())
                    .contains("/actuator/health");
            assertThat(((Map<String, Object>) ((Map<String, Object>) app.get("depends_on")).get("mongo"))
                               .get("condition")).isEqualTo("service_healthy");
        }
        assertThat(((Map<String, Object>) services.get("mongo")).get("healthcheck")).isNotNull();

        Map<String, Object> proxy = (Map<String, Object>) services.get("proxy");
        assertThat((Map<String, Object>) proxy.get("depends_on")).containsKeys("app1", "app2");
        String mounted = proxy.get("volumes").toString();
        assertThat(mounted).contains("./deploy/nginx.conf");
        String nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));
        assertThat(nginx).contains("server app1:8080").contains("server app2:8080").contains("proxy_pass");
    }

    @Test
    void theImageBuildsEveryModuleTheServerNeeds() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        for (String module : List.of("store", "core", "mediation", "projection", "app")) {
            assertThat(dockerfile).as("the Dockerfile copies %s's pom for its dependency layer", module)
                                  .contains("COPY " + module + "/pom.xml");
        }
        assertThat(dockerfile).contains("curl");
    }
}
