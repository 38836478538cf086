package cn.mediation.bench;

import cn.mediation.app.MediationApplication;
import cn.mediation.command.web.DisputeRequestHandler;
import cn.mediation.command.web.Requests;
import cn.mediation.core.access.Caller;
import cn.mediation.core.access.Role;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.query.committee.CommitteeQueries;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * W1 through the command side, without HTTP: the app started in this process on its own embedded MongoDB (the H2
 * commit per append, as it runs), and 1, 4 and 8 clients calling its {@link DisputeRequestHandler} — what the controllers
 * call after HTTP, security and JSON — register → screen → mediate → resolve, with the same bodies as the HTTP
 * workload. Every command goes through Axon's command gateway to the aggregate and the event store.
 */
final class GatewayLifecycleWorkload {

    private final int secondsPerRun;
    private final Report report;

    GatewayLifecycleWorkload(int secondsPerRun, Report report) {
        this.secondsPerRun = secondsPerRun;
        this.report = report;
    }

    void run() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        Path data = Files.createTempDirectory("bench-gateway-data");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MediationApplication.class).run(
                "--server.port=0",
                "--mediation.mongo.embedded.data-dir=" + data,
                "--mediation.security.admin-password=" + ServerProcess.ADMIN_PASSWORD, "--logging.level.root=WARN",
                "--spring.main.banner-mode=off")) {
            DisputeRequestHandler commands = app.getBean(DisputeRequestHandler.class);
            ObjectMapper json = app.getBean(ObjectMapper.class);
            List<String> villages = app.getBean(RegionDirectory.class).all().stream()
                                       .filter(r -> r.level() == RegionLevel.VILLAGE).map(r -> r.code().value())
                                       .toList();
            // the sample committees are given at start-up, possibly after the context is ready
            CommitteeQueries committees = app.getBean(CommitteeQueries.class);
            long until = System.nanoTime() + 120_000_000_000L;
            while (committees.inRegion(villages.get(villages.size() - 1)).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            Caller mediator = new Caller("bench-mediator", Role.MEDIATOR, RegionCode.of("511900000000"));
            report.section("W1 lifecycle through the command gateway (the app in this process, embedded MongoDB, "
                                   + "commit per append)");
            report.note("cpu ms/cmd: CPU time of this JVM (clients, app, projections, embedded MongoDB) during the "
                                + "run, per command");
            report.columns("clients", "commands/s", "p50 ms", "p99 register", "p99 screen", "p99 mediate",
                           "p99 resolve", "cpu ms/cmd");
            double best = 0;
            for (int clients : new int[]{1, 4, 8}) {
                best = Math.max(best, HttpLifecycleWorkload.measure(report, "lifecycle_gateway_", clients, secondsPerRun,
                        villages, (village, latencies) -> {
                            String id = UUID.randomUUID().toString();
                            HttpLifecycleWorkload.timed(latencies.get("register"), () -> commands.register(
                                    json.convertValue(HttpLifecycleWorkload.registration(id, village),
                                                      Requests.Register.class), mediator));
                            HttpLifecycleWorkload.timed(latencies.get("screening"), () -> commands.screen(id,
                                    json.convertValue(HttpLifecycleWorkload.SCREENING, Requests.Screening.class),
                                    mediator, 0L));
                            HttpLifecycleWorkload.timed(latencies.get("mediation"), () -> commands.startMediation(id,
                                    json.convertValue(HttpLifecycleWorkload.mediation(village),
                                                      Requests.Mediation.class), mediator, 1L));
                            HttpLifecycleWorkload.timed(latencies.get("resolution"), () -> commands.resolve(id,
                                    json.convertValue(HttpLifecycleWorkload.RESOLUTION, Requests.Resolution.class),
                                    mediator, 2L));
                        }, ProcessHandle.current()));
            }
            report.put("lifecycle_gateway_events_per_s", best);
        } finally {
            FileSystemUtils.deleteRecursively(data);
        }
    }
}
