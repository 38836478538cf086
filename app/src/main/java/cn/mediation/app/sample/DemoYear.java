package cn.mediation.app.sample;

import cn.mediation.app.config.DeploymentSettings;
import cn.mediation.core.committee.AppointMediatorCommand;
import cn.mediation.core.committee.CommitteeKind;
import cn.mediation.core.committee.EstablishCommitteeCommand;
import cn.mediation.command.dispatch.CommandDispatcher;
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
                    DeploymentSettings deployment) {
        int threads = deployment.demo().threads();
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
        establishOtherCommittees(first);
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
                Details details = Details.of(i, s, resolved, viaTown);
                work.add(pool.submit(() -> {
                    life(id, village, field, s, g, registered, days, resolved, viaTown, details);
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

    /**
     * What the official report counts of one demo dispute, drawn from its own seed so that the rest of the year stays
     * as it was: people involved (mostly two), who referred a referral, the agreement's form (mostly oral at village
     * level, written above) and amount, prevention outcomes (none for most; over the year at full scale about 36
     * 防止民转刑, 30 防止群体性上访, 6 防止引起自杀 and 4 防止群体性械斗), fulfilment and judicial confirmation.
     */
    record Details(int people, Referrer referrer, AgreementForm form, java.math.BigDecimal amount,
                   List<Prevention> prevention, boolean fulfilled, boolean confirmed) {

        static Details of(int i, DisputeSource source, boolean resolved, boolean viaTown) {
            Random r = new Random(1_000_003L * i + 17);
            int people = r.nextInt(100) < 88 ? 2 : 3 + r.nextInt(6);
            int who = r.nextInt(100);
            Referrer referrer = source != DisputeSource.REFERRAL ? null
                    : who < 40 ? Referrer.POLICE : who < 60 ? Referrer.COURT : who < 85 ? Referrer.GOVERNMENT
                    : Referrer.PETITION_OFFICE;
            AgreementForm form = viaTown || r.nextInt(100) < 25 ? AgreementForm.WRITTEN : AgreementForm.ORAL;
            java.math.BigDecimal amount = r.nextInt(100) < 45
                    ? java.math.BigDecimal.valueOf((5 + r.nextInt(form == AgreementForm.WRITTEN ? 800 : 200)) * 100L)
                    : null;
            List<Prevention> prevention = new ArrayList<>();
            if (resolved && i % 333 == 17) {
                prevention.add(new Prevention(PreventionOutcome.CRIMINAL_CASE, 2 + r.nextInt(3)));
            }
            if (resolved && i % 400 == 29) {
                prevention.add(new Prevention(PreventionOutcome.GROUP_PETITION, 5 + r.nextInt(26)));
            }
            if (resolved && i % 2000 == 41) {
                prevention.add(new Prevention(PreventionOutcome.SUICIDE, 1));
            }
            if (resolved && i % 3000 == 53) {
                prevention.add(new Prevention(PreventionOutcome.GROUP_FIGHT, 6 + r.nextInt(15)));
            }
            return new Details(people, referrer, form, amount, List.copyOf(prevention), r.nextInt(100) < 92,
                               form == AgreementForm.WRITTEN && r.nextInt(100) < 8);
        }
    }

    /**
     * Beside the sample area committees, what a county also has: two trade committees (traffic accidents, medical),
     * and in its first town an enterprise committee and a personal mediation studio, so every kind of the report
     * has committees.
     */
    private void establishOtherCommittees(LocalDate first) {
        for (Region county : regions.all().stream().filter(r -> r.level() == RegionLevel.COUNTY).toList()) {
            String code = county.code().value();
            committee("DEMO-TRAFFIC-" + code, county.name() + "道路交通事故纠纷人民调解委员会", code, "TRAFFIC_ACCIDENT",
                      CommitteeKind.PROFESSIONAL, "道路交通", first, true, true, false);
            committee("DEMO-MEDICAL-" + code, county.name() + "医疗纠纷人民调解委员会", code, "MEDICAL",
                      CommitteeKind.PROFESSIONAL, "医疗卫生", first, true, false);
            regions.children(county.code()).stream().findFirst().ifPresent(town -> {
                String townCode = town.code().value();
                committee("DEMO-ENTERPRISE-" + townCode, town.name() + "工业园区企业人民调解委员会", townCode, null,
                          CommitteeKind.ENTERPRISE, null, first, false, false);
                committee("DEMO-STUDIO-" + townCode, town.name() + "老李调解工作室", townCode, null,
                          CommitteeKind.PERSONAL_STUDIO, null, first, true);
            });
        }
    }

    private void committee(String id, String name, String regionCode, String field, CommitteeKind kind, String trade,
                           LocalDate date, boolean... fullTime) {
        dispatcher.sendAsApplication(new EstablishCommitteeCommand(id, name, regionCode, field, date, ACTOR, kind,
                                                                   trade), null);
        for (int i = 0; i < fullTime.length; i++) {
            dispatcher.sendAsApplication(new AppointMediatorCommand(id, id + "-M" + (i + 1), "样例调解员" + (i + 1),
                                                                    date, ACTOR, fullTime[i]), null);
        }
    }

    private void life(String id, Region village, String field, DisputeSource source, RiskGrade grade,
                      LocalDate registered, int days, boolean resolved, boolean viaTown, Details details) {
        String villageCode = village.code().value();
        String committee = "C" + villageCode;
        List<Party> parties = List.of(new Party(PartyRole.APPLICANT, "样例甲", null, null),
                                      new Party(PartyRole.RESPONDENT, "样例乙", null, null));
        dispatcher.sendAsApplication(new RegisterDisputeCommand(id, "DEMO-" + id.substring(0, 8), committee, villageCode, field,
                                                   source, "样例纠纷（演示数据）", registered, registered,
                                                   details.people(), null, parties, ACTOR, details.referrer()), null);
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
            dispatcher.sendAsApplication(new ResolveDisputeCommand(id, details.form(), "达成调解协议", details.amount(),
                                                                   outcome, ACTOR, details.prevention()), null);
            // the latest outcome is 359 days in: these stay within the demo year
            if (details.confirmed()) {
                dispatcher.sendAsApplication(new RecordJudicialConfirmationCommand(id, "样例人民法院", outcome.plusDays(2),
                                                                               ACTOR), null);
            }
            if (details.fulfilled()) {
                dispatcher.sendAsApplication(new RecordFulfilmentCommand(id, true, outcome.plusDays(3), ACTOR), null);
            }
        } else {
            dispatcher.sendAsApplication(new FailMediationCommand(id, "双方未能达成一致", outcome, ACTOR), null);
        }
    }
}
