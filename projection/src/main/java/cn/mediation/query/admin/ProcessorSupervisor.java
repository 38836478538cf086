package cn.mediation.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the projections' processors running. Axon retries a failing batch by itself, but a processor whose worker
 * ends on an {@link Error} (a heap run out, a stack overflow) stays paused, and one shut down stays down: the case
 * lists would silently stop changing. This checks every processor at a fixed interval and starts a stopped one
 * again, waiting longer after each start that did not hold (doubling from {@code initialBackOff} up to
 * {@code maxBackOff}), so a processor that keeps failing neither spins nor stays down for good. While a processor is
 * stopped or failing, {@link #problems()} names it (health and {@code GET /api/admin/projections} show it).
 */
public class ProcessorSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ProcessorSupervisor.class);

    private final EventProcessingConfiguration processing;
    private final Duration interval;
    private final Duration initialBackOff;
    private final Duration maxBackOff;
    private final Clock clock;
    private final Map<String, Outage> outages = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    public ProcessorSupervisor(EventProcessingConfiguration processing, Duration interval, Duration initialBackOff,
                               Duration maxBackOff, Clock clock) {
        this.processing = processing;
        this.interval = interval;
        this.initialBackOff = initialBackOff;
        this.maxBackOff = maxBackOff;
        this.clock = clock;
    }

    /** Since when a processor has been seen stopped, how many starts it was given, and when the next one is due. */
    private record Outage(Instant since, int restarts, Instant nextStart, String state) {
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(),
                                         TimeUnit.MILLISECONDS);
    }

    /** Stops watching (before the application shuts its processors down, which must not be undone). */
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /**
     * Rebuilds a processor from the start of the log, under the same lock as the checks: a check must not start a
     * processor between its shut-down and the reset of its tokens.
     */
    public synchronized void rebuild(StreamingEventProcessor processor) {
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    synchronized void check() {
        try {
            processing.eventProcessors().forEach(this::check);
        } catch (RuntimeException | Error e) {
            // the supervisor itself must outlive whatever stopped a processor
            log.error("Checking the projections' processors failed", e);
        }
    }

    private void check(String name, EventProcessor processor) {
        Instant now = clock.instant();
        String state = state(processor);
        Outage outage = outages.get(name);
        if (state == null) {
            if (outage != null && now.isAfter(outage.nextStart())) {
                log.info("Projection processor {} is running again after {} restart(s)", name, outage.restarts());
                outages.remove(name);
            }
            return;
        }
        if (outage == null) {
            log.warn("Projection processor {} is {}; it will be started again", name, state);
            outages.put(name, new Outage(now, 0, now.plus(initialBackOff), state));
            return;
        }
        if (now.isBefore(outage.nextStart())) {
            outages.put(name, new Outage(outage.since(), outage.restarts(), outage.nextStart(), state));
            return;
        }
        int restarts = outage.restarts() + 1;
        Duration wait = backOff(restarts);
        log.warn("Starting projection processor {} again (restart {}, next try in {} if it stops again)", name,
                 restarts, wait);
        try {
            if (processor.isRunning()) {
                processor.shutDown();
            }
            processor.start();
        } catch (RuntimeException e) {
            log.warn("Projection processor {} did not start: {}", name, e.getClass().getSimpleName());
        }
        outages.put(name, new Outage(outage.since(), restarts, now.plus(wait), state));
    }

    private Duration backOff(int restarts) {
        Duration wait = initialBackOff;
        for (int i = 0; i < restarts && wait.compareTo(maxBackOff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackOff) > 0 ? maxBackOff : wait;
    }

    /** Why a processor is not processing ({@code stopped}, {@code failing}), or null when it is. */
    static String state(EventProcessor processor) {
        if (!processor.isRunning()) {
            return "stopped";
        }
        if (processor instanceof StreamingEventProcessor streaming) {
            if (streaming.isError()) {
                return "failing";
            }
            for (EventTrackerStatus tracker : streaming.processingStatus().values()) {
                if (tracker.isErrorState()) {
                    return "failing";
                }
            }
        }
        return null;
    }

    /** Every processor that is stopped or failing now, with its state and since when it has been seen so. */
    public Map<String, Map<String, Object>> problems() {
        Map<String, Map<String, Object>> problems = new LinkedHashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            String state = state(processor);
            if (state != null) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("state", state);
                Outage outage = outages.get(name);
                if (outage != null) {
                    problem.put("since", outage.since().toString());
                    problem.put("restarts", outage.restarts());
                }
                problems.put(name, problem);
            }
        });
        return problems;
    }
}
