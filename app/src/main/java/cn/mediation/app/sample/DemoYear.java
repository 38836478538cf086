package cn.mediation.app.sample;

import cn.mediation.command.web.CommandDispatcher;
import cn.mediation.core.dispute.*;
import cn.mediation.core.field.DisputeField;
import cn.mediation.core.field.FieldTaxonomy;
import cn.mediation.core.region.Region;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionDirectory;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.sweep.RecordScreeningSweepCommand;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --demo}: fills the server with a year of work shaped like the source report's figures, through the real
 * command path (every registration, screening, mediation and outcome is a command that stores events): 3,120
 * screening sweeps, 12,160 disputes mediated of which 11,984 resolved (98.55%), 1,963 found by sweeps, 424 major
 * disputes resolved, 191 epidemic-related mediated and 187 resolved, no incidents. The year is the twelve months up
 * to the day the server starts (see {@link #firstDay}), so the dashboard's default view shows it. {@code --demo=0.1}
 * loads a year at a tenth of that scale ({@code --demo=2}, twice the disputes, for
 * benchmarks). Running it again on the same data changes nothing.
 */
@Component
@Order(20)
public class DemoYear implements ApplicationRunner {

    public static final int SWEEPS = 3_120;
    public static final int RESOLVED = 11_984;
    public static final int FAILED = 176;
    public static final int FOUND = 1_963;
    public static final int MAJOR_RESOLVED = 424;
    public static final int EPIDEMIC_RESOLVED = 187;
    public static final int EPIDEMIC_FAILED = 4;
    /** Resolved disputes that went up to the town centre first (they are still "kept local"). */
    public static final int ESCALATED_TO_TOWN = 300;

    /** Above 1 the year has more disputes than the report's (benchmarks load 100,000 events this way). */
    static final int MAX_SCALE = 20;

    private static final Logger log = LoggerFactory.getLogger(DemoYear.class);
    private static final String ACTOR = "demo";

    /** The figures a demo year of the given scale shows (1 = the report's year). */
    public record Shape(int sweeps, int resolved, int failed, int found, int majorResolved, int epidemicResolved,
                        int epidemicFailed, int escalatedToTown) {
        public static Shape of(double scale) {
            return new Shape(round(SWEEPS, scale), round(RESOLVED, scale), round(FAILED, scale), round(FOUND, scale),
                             round(MAJOR_RESOLVED, scale), round(EPIDEMIC_RESOLVED, scale),
                             round(EPIDEMIC_FAILED, scale), round(ESCALATED_TO_TOWN, scale));
        }

        private static int round(int figure, double scale) {
            return (int) Math.round(figure * scale);
        }

        public int mediated() {
            return resolved + failed;
        }
    }

    private final CommandDispatcher dispatcher;
    private final cn.mediation.app.storage.MongoConnection connection;
    private final RegionDirectory regions;
    private final EventStore eventStore;
    private final Clock clock;
    private final int threads;

    public DemoYear(CommandDispatcher dispatcher, cn.mediation.app.storage.MongoConnection connection,
                    RegionDirectory regions, EventStore eventStore, Clock clock,
                    @Value("${mediation.demo.threads:4}") int threads) {
        this.dispatcher = dispatcher;
        this.connection = connection;
        this.regions = regions;
        this.eventStore = eventStore;
        this.clock = clock;
        this.threads = threads;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (args.containsOption("demo")) {
            List<String> values = args.getOptionValues("demo");
            double scale = values == null || values.isEmpty() || values.get(0).isBlank() ? 1.0
                    : Double.parseDouble(values.get(0));
            if (!(scale > 0 && scale <= MAX_SCALE)) {
                throw new IllegalArgumentException("--demo takes a scale above 0 and at most " + MAX_SCALE
                                                           + " (1 = the report's year), e.g. --demo=0.1");
            }
            LocalDate first = firstDay(LocalDate.now(clock));
            connection.deferringCommits(() -> {
                load(first, Shape.of(scale));
                return null;
            });
        }
    }

    public static String disputeId(int i) {
        return UUID.nameUUIDFromBytes(("demo-dispute-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The first day of the demo year that ends on {@code today}: the twelve months up to it. Every date the demo
     * gives (sweeps up to 364 days in, registrations up to 339, outcomes at most 20 days later) stays within them.
     */
    public static LocalDate firstDay(LocalDate today) {
        return today.minusYears(1).plusDays(1);
    }

    /** Loads the demo year starting on {@code first}; skipped when its first dispute already exists. */
    public void load(LocalDate first, Shape shape) throws Exception {
        if (eventStore.lastSequenceNumberFor(disputeId(0)).isPresent()) {
            log.info("The demo year is already loaded");
            return;
        }
        List<Region> villages = regions.all().stream().filter(r -> r.level() == RegionLevel.VILLAGE).toList();
        List<DisputeField> fields = FieldTaxonomy.all().stream().filter(f -> !f.code().equals("EPIDEMIC")).toList();
        Random random = new Random(20_250_101L);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < shape.sweeps(); i++) {
                Region village = villages.get(i % villages.size());
                LocalDate date = first.plusDays(random.nextInt(365));
                String id = UUID.nameUUIDFromBytes(("demo-sweep-" + i).getBytes(StandardCharsets.UTF_8)).toString();
                int found = i < shape.found() ? 1 : 0;
                work.add(pool.submit(() -> dispatcher.sendAsApplication(new RecordScreeningSweepCommand(
                        id, village.code().value(), found, "样例排查", date, ACTOR), null)));
            }
            int total = shape.mediated();
            int resolvedCount = shape.resolved();
            int townEvery = shape.escalatedToTown() == 0 ? Integer.MAX_VALUE : resolvedCount / shape.escalatedToTown();
            AtomicInteger done = new AtomicInteger();
            for (int i = 0; i < total; i++) {
                boolean resolved = i < resolvedCount;
                boolean epidemic = resolved ? i < shape.epidemicResolved() : i - resolvedCount < shape.epidemicFailed();
                String field = epidemic ? "EPIDEMIC" : fields.get(random.nextInt(fields.size())).code();
                RiskGrade grade = resolved && i >= resolvedCount - shape.majorResolved() ? RiskGrade.MAJOR
                        : random.nextInt(4) == 0 ? RiskGrade.SIGNIFICANT : RiskGrade.ORDINARY;
                if (!resolved) {
                    grade = RiskGrade.ORDINARY;
                }
                DisputeSource source = i % 6 == 0 && i / 6 < shape.found() ? DisputeSource.SWEEP
                        : (random.nextBoolean() ? DisputeSource.APPLICATION : DisputeSource.REFERRAL);
                Region village = villages.get(random.nextInt(villages.size()));
                LocalDate registered = first.plusDays(random.nextInt(340));
                int days = 1 + random.nextInt(20);
                boolean viaTown = resolved && i % townEvery == 1 && i / townEvery < shape.escalatedToTown();
                String id = disputeId(i);
                RiskGrade g = grade;
                DisputeSource s = source;
                work.add(pool.submit(() -> {
                    life(id, village, field, s, g, registered, days, resolved, viaTown);
                    int n = done.incrementAndGet();
                    if (n % 2000 == 0) {
                        log.info("Demo year: {} of {} disputes recorded", n, total);
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        log.info("Demo year from {} loaded in {} s", first, (System.nanoTime() - start) / 1_000_000_000);
    }

    private void life(String id, Region village, String field, DisputeSource source, RiskGrade grade,
                      LocalDate registered, int days, boolean resolved, boolean viaTown) {
        String villageCode = village.code().value();
        String committee = "C" + villageCode;
        List<Party> parties = List.of(new Party(PartyRole.APPLICANT, "样例甲", null, null),
                                      new Party(PartyRole.RESPONDENT, "样例乙", null, null));
        dispatcher.sendAsApplication(new RegisterDisputeCommand(id, "DEMO-" + id.substring(0, 8), committee, villageCode, field,
                                                   source, "样例纠纷（演示数据）", registered, registered, 2, null,
                                                   parties, ACTOR), null);
        dispatcher.sendAsApplication(new ScreenDisputeCommand(id, grade, ScreeningDecision.ACCEPT, null, false, false,
                                                 registered, ACTOR), null);
        LocalDate mediationDay = registered.plusDays(1);
        dispatcher.sendAsApplication(new StartMediationCommand(id, committee, villageCode, null, List.of(committee + "-M1"),
                                                  MediationChannel.PEOPLES, mediationDay, ACTOR), null);
        LocalDate outcome = registered.plusDays(days);
        if (viaTown) {
            String town = RegionCode.of(villageCode).ancestorAt(RegionLevel.TOWN).value();
            dispatcher.sendAsApplication(new EscalateDisputeCommand(id, EscalationTarget.TOWN, "村级调解难度大", mediationDay, ACTOR),
                            null);
            dispatcher.sendAsApplication(new AcceptEscalationCommand(id, mediationDay, ACTOR), null);
            dispatcher.sendAsApplication(new StartMediationCommand(id, "C" + town, town, null, List.of("C" + town + "-M1"),
                                                      MediationChannel.PEOPLES, mediationDay, ACTOR), null);
        }
        if (resolved) {
            dispatcher.sendAsApplication(new ResolveDisputeCommand(id, AgreementForm.WRITTEN, "达成调解协议", null, outcome, ACTOR),
                            null);
        } else {
            dispatcher.sendAsApplication(new FailMediationCommand(id, "双方未能达成一致", outcome, ACTOR), null);
        }
    }
}
