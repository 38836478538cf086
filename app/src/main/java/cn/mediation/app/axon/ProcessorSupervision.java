package cn.mediation.app.axon;

import cn.mediation.core.eventstore.MongoEventStorageEngine;
import cn.mediation.query.admin.ProcessorSupervisor;
import cn.mediation.query.support.ReplayGate;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

import java.time.Clock;
import java.util.Map;

/**
 * Watches the projections' processors once the application is ready (see {@link ProcessorSupervisor}) and stops
 * watching before the application shuts them down. Health reports {@code DEGRADED} (still answering 200: commands
 * are taken, only the read side lags) naming every processor that is stopped or failing.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorSupervision {

    public static final Status DEGRADED = new Status("DEGRADED", "a projection processor is stopped or failing");

    @Bean
    public ProcessorSupervisor processorSupervisor(
            EventProcessingConfiguration processing, ProjectionSettings settings) {
        return new ProcessorSupervisor(processing, settings.checkInterval(), settings.restartBackOff(),
                                       settings.maxRestartBackOff(), Clock.systemUTC());
    }

    /** Whole-log replays kept per log position and limited per user (see {@link ReplayGate}). */
    @Bean
    public ReplayGate replayGate(EventStorageEngine engine, ReplaySettings settings) {
        MongoEventStorageEngine mongo = (MongoEventStorageEngine) engine;
        return new ReplayGate(mongo::lastEventPosition, settings.perUser(), settings.window(), Clock.systemUTC());
    }

    @Bean
    public Watch processorWatch(ProcessorSupervisor supervisor) {
        return new Watch(supervisor);
    }

    @Bean("projections")
    public HealthIndicator projectionsHealth(ProcessorSupervisor supervisor) {
        return () -> {
            Map<String, Map<String, Object>> problems = supervisor.problems();
            return problems.isEmpty() ? Health.up().build()
                    : Health.status(DEGRADED).withDetail("stopped", problems).build();
        };
    }

    /** Starts the supervisor when the processors have started, stops it before they are shut down. */
    public static class Watch {

        private final ProcessorSupervisor supervisor;

        Watch(ProcessorSupervisor supervisor) {
            this.supervisor = supervisor;
        }

        @EventListener(ApplicationReadyEvent.class)
        public void ready() {
            supervisor.start();
        }

        @EventListener(ContextClosedEvent.class)
        public void closing() {
            supervisor.stop();
        }
    }
}
