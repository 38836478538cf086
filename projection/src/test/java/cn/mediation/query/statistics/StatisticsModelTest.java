package cn.mediation.query.statistics;

import cn.mediation.core.dispute.*;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.sweep.ScreeningSweepRecordedEvent;
import cn.mediation.core.testing.TestMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The statistics projection as a plain object: feed events, then query figures. */
class StatisticsModelTest {

    static final String VILLAGE = "511902101001";
    static final String OTHER_VILLAGE = "511903101001";
    static final String TOWN = "511902101000";
    static final String COUNTY = "511902000000";
    static final String CITY = "511900000000";
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private MongoStatisticsStore store;
    private StatisticsModel model;
    private final List<Object[]> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        store = new MongoStatisticsStore(TestMongo.freshDatabase());
        model = new StatisticsModel(store, StatisticsModel.DisputeIndex.NONE);
    }

    private void feed(Object event, long seq) {
        String id = UUID.randomUUID().toString();
        log.add(new Object[]{event, seq, id});
        model.apply(event, seq, id);
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    private String register(String village, String field, DisputeSource source, String date) {
        String id = UUID.randomUUID().toString();
        feed(new DisputeRegisteredEvent(id, "n", "C" + village, village, field, source, "s", d(date), null, 2,
                                        BigDecimal.ONE, List.of(), "a"), 0);
        return id;
    }

    private Map<String, Object> figures(StatisticsStore store, String region, String from, String to, String field) {
        return new StatisticsCalculator(store).compute(List.of(region), d(from), d(to),
                                                       List.of(field == null ? BucketKeys.ALL : field), TODAY, 30)
                                              .get(region).get(field == null ? BucketKeys.ALL : field).figures();
    }

    private Map<String, Object> figures(String region, String from, String to) {
        return figures(store, region, from, to, null);
    }

    @Test
    void aDisputeResolvedTwiceInAPeriodCountsOnce() {
        String id = register(VILLAGE, "NEIGHBOURS", DisputeSource.APPLICATION, "2026-01-05");
        feed(new DisputeScreenedEvent(id, RiskGrade.ORDINARY, ScreeningDecision.ACCEPT, null, false, false, d("2026-01-06"), "a"), 1);
        feed(new MediationStartedEvent(id, "c", List.of("m"), MediationChannel.PEOPLES, RegionLevel.VILLAGE, VILLAGE, d("2026-01-07"), "a"), 2);
        feed(new DisputeResolvedEvent(id, AgreementForm.ORAL, "t", null, RegionLevel.VILLAGE, VILLAGE, d("2026-01-10"), "a"), 3);
        feed(new FulfilmentRecordedEvent(id, false, d("2026-02-01"), "a"), 4);
        feed(new DisputeReopenedEvent(id, "not paid", d("2026-02-02"), "a"), 5);
        feed(new DisputeResolvedEvent(id, AgreementForm.WRITTEN, "t", null, RegionLevel.VILLAGE, VILLAGE, d("2026-02-20"), "a"), 6);

        assertThat(figures(CITY, "2026-01-01", "2026-03-31")).containsEntry("resolved", 1L).containsEntry("mediated", 1L);
        assertThat(figures(CITY, "2026-01-01", "2026-01-31")).containsEntry("resolved", 1L);
        assertThat(figures(CITY, "2026-02-01", "2026-02-28")).containsEntry("resolved", 1L)
                                                              .containsEntry("registered", 0L);
        // the latest resolution in the period decides the days: 46 days in Q1, 5 in January
        assertThat(figures(CITY, "2026-01-01", "2026-03-31")).containsEntry("meanDaysToResolve", new BigDecimal("46.00"));
        assertThat(figures(CITY, "2026-01-01", "2026-01-31")).containsEntry("meanDaysToResolve", new BigDecimal("5.00"));
    }

    @Test
    void aFailureFollowedByAResolutionInThePeriodIsNotCountedAsFailed() {
        String id = register(VILLAGE, "LABOUR_WAGES", DisputeSource.SWEEP, "2026-01-05");
        feed(new DisputeScreenedEvent(id, RiskGrade.MAJOR, ScreeningDecision.ACCEPT, null, false, false, d("2026-01-06"), "a"), 1);
        feed(new MediationStartedEvent(id, "c", List.of("m"), MediationChannel.PEOPLES, RegionLevel.VILLAGE, VILLAGE, d("2026-01-07"), "a"), 2);
        feed(new MediationFailedEvent(id, "no", RegionLevel.VILLAGE, VILLAGE, d("2026-01-20"), "a"), 3);
        feed(new DisputeEscalatedEvent(id, RegionLevel.VILLAGE, VILLAGE, EscalationTarget.TOWN, TOWN, "up", d("2026-01-21"), "a"), 4);
        feed(new EscalationAcceptedEvent(id, RegionLevel.TOWN, TOWN, d("2026-01-22"), "a"), 5);
        feed(new MediationStartedEvent(id, "c2", List.of("m"), MediationChannel.PEOPLES, RegionLevel.TOWN, TOWN, d("2026-01-23"), "a"), 6);
        feed(new DisputeEscalatedEvent(id, RegionLevel.TOWN, TOWN, EscalationTarget.COUNTY, COUNTY, "up", d("2026-02-01"), "a"), 7);
        feed(new EscalationAcceptedEvent(id, RegionLevel.COUNTY, COUNTY, d("2026-02-02"), "a"), 8);
        feed(new MediationStartedEvent(id, "c3", List.of("m"), MediationChannel.JUDICIAL, RegionLevel.COUNTY, COUNTY, d("2026-02-03"), "a"), 9);
        feed(new DisputeResolvedEvent(id, AgreementForm.WRITTEN, "t", null, RegionLevel.COUNTY, COUNTY, d("2026-02-10"), "a"), 10);

        Map<String, Object> january = figures(VILLAGE, "2026-01-01", "2026-01-31");
        assertThat(january).containsEntry("failed", 1L).containsEntry("resolved", 0L).containsEntry("escalated", 1L)
                           .containsEntry("registered", 1L).containsEntry("found", 1L)
                           .containsEntry("successRate", new BigDecimal("0.0000"));
        Map<String, Object> quarter = figures(VILLAGE, "2026-01-01", "2026-03-31");
        assertThat(quarter).containsEntry("failed", 0L).containsEntry("resolved", 1L).containsEntry("mediated", 1L)
                           .containsEntry("escalated", 1L).containsEntry("majorResolved", 1L)
                           .containsEntry("keptLocalRate", new BigDecimal("0.0000"))
                           .containsEntry("successRate", new BigDecimal("1.0000"));
        Map<String, Object> february = figures(COUNTY, "2026-02-01", "2026-02-28");
        assertThat(february).containsEntry("resolved", 1L).containsEntry("escalated", 1L).containsEntry("registered", 0L);
        Map<String, Long> linkage = new StatisticsCalculator(store)
                .compute(List.of(CITY), d("2026-01-01"), d("2026-03-31"), List.of(BucketKeys.ALL), TODAY, 30)
                .get(CITY).get(BucketKeys.ALL).linkage();
        assertThat(linkage).containsEntry("VILLAGE:TOWN", 1L).containsEntry("TOWN:COUNTY", 1L);
    }

    @Test
    void figuresRollUpFromVillagesAndSplitByField() {
        resolvedAt(register(VILLAGE, "NEIGHBOURS", DisputeSource.SWEEP, "2026-03-01"), "2026-03-04", 3);
        resolvedAt(register(VILLAGE, "NEIGHBOURS", DisputeSource.APPLICATION, "2026-03-02"), "2026-03-12", 5);
        resolvedAt(register(OTHER_VILLAGE, "EPIDEMIC", DisputeSource.APPLICATION, "2026-03-03"), "2026-03-06", 4);
        register(OTHER_VILLAGE, "EPIDEMIC", DisputeSource.APPLICATION, "2026-03-03");
        feed(new ScreeningSweepRecordedEvent("s1", VILLAGE, 2, null, d("2026-03-01"), "a"), 0);
        feed(new ScreeningSweepRecordedEvent("s2", OTHER_VILLAGE, 0, null, d("2026-03-15"), "a"), 0);

        Map<String, Object> city = figures(CITY, "2026-03-01", "2026-03-31");
        assertThat(city).containsEntry("registered", 4L).containsEntry("resolved", 3L).containsEntry("found", 1L)
                        .containsEntry("sweeps", 2L).containsEntry("open", 1L)
                        .containsEntry("medianDaysToResolve", new BigDecimal("3"))
                        .containsEntry("meanDaysToResolve", new BigDecimal("5.33"))
                        .containsEntry("keptLocalRate", new BigDecimal("1.0000"));
        assertThat(figures(store, CITY, "2026-03-01", "2026-03-31", "EPIDEMIC"))
                .containsEntry("registered", 2L).containsEntry("resolved", 1L).containsEntry("sweeps", 2L);
        assertThat(figures(COUNTY, "2026-03-01", "2026-03-31")).containsEntry("registered", 2L);
        assertThat(figures(CITY, "2026-03-05", "2026-03-10")).containsEntry("resolved", 1L).containsEntry("registered", 0L);
    }

    @Test
    void openDisputesOlderThanTheLimitAreOverdue() {
        register(VILLAGE, "NEIGHBOURS", DisputeSource.APPLICATION, "2026-09-01");
        register(VILLAGE, "NEIGHBOURS", DisputeSource.APPLICATION, "2026-11-20");
        String declined = register(VILLAGE, "NEIGHBOURS", DisputeSource.APPLICATION, "2026-08-01");
        feed(new DisputeScreenedEvent(declined, RiskGrade.ORDINARY, ScreeningDecision.DECLINE, "in court", false, false, d("2026-08-02"), "a"), 1);
        assertThat(figures(CITY, "2026-11-01", "2026-11-30")).containsEntry("open", 2L).containsEntry("overdue", 1L);
    }

    @Test
    void everyEventDeliveredTwiceGivesIdenticalFigures() {
        resolvedAt(register(VILLAGE, "NEIGHBOURS", DisputeSource.SWEEP, "2026-03-01"), "2026-03-04", 3);
        String id = register(OTHER_VILLAGE, "EPIDEMIC", DisputeSource.APPLICATION, "2026-03-03");
        feed(new IncidentRecordedEvent(id, IncidentKind.GROUP_INCIDENT, null, d("2026-03-05"), "a"), 1);
        Map<String, Object> once = figures(CITY, "2026-01-01", "2026-12-31");

        for (Object[] entry : List.copyOf(log)) {
            model.apply(entry[0], (long) entry[1], (String) entry[2]);
        }
        assertThat(figures(CITY, "2026-01-01", "2026-12-31")).isEqualTo(once);
        assertThat(once).containsEntry("registered", 2L).containsEntry("groupIncidents", 1L);
    }

    @Test
    void theMemoryReplayAgreesWithTheLiveStore() {
        resolvedAt(register(VILLAGE, "NEIGHBOURS", DisputeSource.SWEEP, "2026-03-01"), "2026-04-04", 3);
        register(OTHER_VILLAGE, "EPIDEMIC", DisputeSource.APPLICATION, "2026-05-03");
        MemoryStatisticsStore memory = new MemoryStatisticsStore();
        StatisticsModel replay = new StatisticsModel(memory, StatisticsModel.DisputeIndex.NONE);
        for (Object[] entry : log) {
            replay.apply(entry[0], (long) entry[1], (String) entry[2]);
        }
        for (String[] period : new String[][]{{"2026-03-01", "2026-03-31"}, {"2026-03-15", "2026-05-10"},
                                              {"2026-01-01", "2026-12-31"}}) {
            assertThat(figures(memory, CITY, period[0], period[1], null))
                    .isEqualTo(figures(store, CITY, period[0], period[1], null));
        }
    }

    @Test
    void periodsReadTogetherGiveEachPeriodItsOwnFigures() {
        resolvedAt(register(VILLAGE, "NEIGHBOURS", DisputeSource.SWEEP, "2026-01-20"), "2026-02-03", 3);
        resolvedAt(register(VILLAGE, "NEIGHBOURS", DisputeSource.APPLICATION, "2026-02-10"), "2026-03-12", 3);
        register(OTHER_VILLAGE, "EPIDEMIC", DisputeSource.APPLICATION, "2026-03-05");
        feed(new ScreeningSweepRecordedEvent("s1", VILLAGE, 1, null, d("2026-02-14"), "a"), 0);
        List<StatisticsCalculator.Period> periods = List.of(
                new StatisticsCalculator.Period(d("2026-01-15"), d("2026-01-31")),
                new StatisticsCalculator.Period(d("2026-02-01"), d("2026-02-28")),
                new StatisticsCalculator.Period(d("2026-03-01"), d("2026-03-20")));
        Map<StatisticsCalculator.Period, Map<String, Map<String, FigureSums>>> together =
                new StatisticsCalculator(store).compute(List.of(CITY), periods, List.of(BucketKeys.ALL), TODAY, 30);
        for (StatisticsCalculator.Period period : periods) {
            assertThat(together.get(period).get(CITY).get(BucketKeys.ALL).figures())
                    .as(period.toString())
                    .isEqualTo(figures(CITY, period.from().toString(), period.to().toString()));
        }
        assertThat(together.get(periods.get(1)).get(CITY).get(BucketKeys.ALL).figures())
                .containsEntry("registered", 1L).containsEntry("resolved", 1L).containsEntry("sweeps", 1L);
    }

    private void resolvedAt(String id, String date, long seqStart) {
        feed(new DisputeScreenedEvent(id, RiskGrade.ORDINARY, ScreeningDecision.ACCEPT, null, false, false, d(date), "a"), 1);
        feed(new MediationStartedEvent(id, "c", List.of("m"), MediationChannel.PEOPLES, RegionLevel.VILLAGE, "x", d(date), "a"), 2);
        feed(new DisputeResolvedEvent(id, AgreementForm.ORAL, "t", null, RegionLevel.VILLAGE, "x", d(date), "a"), seqStart);
    }
}
