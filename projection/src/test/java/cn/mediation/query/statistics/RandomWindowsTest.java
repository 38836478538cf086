package cn.mediation.query.statistics;

import cn.mediation.core.dispute.*;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.testing.TestMongo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random disputes (registrations, resolutions, failures, reopenings, follow-ups over six months), then random
 * periods — whole months, periods starting on the first, periods cut anywhere — for the village, town, county and
 * city: the figures read from the buckets equal the figures of each dispute evaluated over its facts in the period.
 */
class RandomWindowsTest {

    private static final String VILLAGE = "511902101001";
    private static final String OTHER_VILLAGE = "511903101001";
    private static final List<String> REGIONS = List.of(VILLAGE, "511902101000", "511902000000", "511900000000");
    private static final LocalDate START = LocalDate.of(2025, 11, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void bucketFiguresEqualEachDisputeEvaluatedOverThePeriod() {
        Random random = new Random(20261126);
        MongoStatisticsStore store = new MongoStatisticsStore(TestMongo.freshDatabase());
        StatisticsModel model = new StatisticsModel(store, StatisticsModel.DisputeIndex.NONE);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            ids.add(dispute(model, random));
        }
        for (int i = 0; i < 60; i++) {
            LocalDate from = START.plusDays(random.nextInt(170));
            if (i % 3 == 0) {
                from = from.withDayOfMonth(1);
            }
            LocalDate to = i % 4 == 0 ? from.plusMonths(1 + random.nextInt(3)).withDayOfMonth(1).minusDays(1)
                    : from.plusDays(random.nextInt(120));
            String region = REGIONS.get(i % REGIONS.size());
            FigureSums sums = new StatisticsCalculator(store)
                    .compute(List.of(region), from, to, List.of(BucketKeys.ALL), TODAY, 30)
                    .get(region).get(BucketKeys.ALL);
            assertThat(nonZero(sums.raw())).as("%s %s..%s", region, from, to)
                                           .isEqualTo(expected(store, ids, region, from, to));
        }
    }

    private static Map<String, Long> expected(StatisticsStore store, List<String> ids, String region, LocalDate from,
                                              LocalDate to) {
        Map<String, Long> sums = new TreeMap<>();
        for (String id : ids) {
            DisputeFacts dispute = store.facts(id).facts();
            if (!BucketKeys.regionsOf(dispute.villageCode).contains(region)) {
                continue;
            }
            List<DisputeFacts.Fact> upTo = dispute.facts.stream().filter(f -> !f.date().isAfter(to)).toList();
            WindowFigures.evaluate(dispute, upTo, from).forEach((figure, value) -> sums.merge(figure, value, Long::sum));
        }
        return nonZero(sums);
    }

    private static Map<String, Long> nonZero(Map<String, Long> figures) {
        Map<String, Long> result = new TreeMap<>(figures);
        result.values().removeIf(v -> v == null || v == 0);
        return result;
    }

    /** One dispute's life at random; returns its id. */
    private static String dispute(StatisticsModel model, Random random) {
        String id = UUID.randomUUID().toString();
        String village = random.nextInt(4) == 0 ? OTHER_VILLAGE : VILLAGE;
        LocalDate day = START.plusDays(random.nextInt(150));
        List<Object> events = new ArrayList<>();
        events.add(new DisputeRegisteredEvent(id, "n", "C" + village, village, random.nextBoolean() ? "NEIGHBOURS" : "EPIDEMIC",
                                              random.nextInt(3) == 0 ? DisputeSource.SWEEP : DisputeSource.APPLICATION,
                                              "s", day, null, 2, BigDecimal.ONE, List.of(), "a"));
        events.add(new DisputeScreenedEvent(id, random.nextInt(4) == 0 ? RiskGrade.MAJOR : RiskGrade.ORDINARY,
                                            ScreeningDecision.ACCEPT, null, false, false, day, "a"));
        events.add(new MediationStartedEvent(id, "c", List.of("m"), MediationChannel.PEOPLES, RegionLevel.VILLAGE,
                                             village, day, "a"));
        int steps = random.nextInt(4);
        for (int step = 0; step <= steps; step++) {
            day = day.plusDays(random.nextInt(40));
            switch (random.nextInt(4)) {
                case 0 -> events.add(new MediationFailedEvent(id, "r", RegionLevel.VILLAGE, village, day, "a"));
                case 1 -> events.add(new FollowUpRecordedEvent(id, 1 + random.nextInt(5), null, day, "a"));
                default -> events.add(new DisputeResolvedEvent(id, AgreementForm.ORAL, "t", null,
                                                               random.nextBoolean() ? RegionLevel.VILLAGE : RegionLevel.COUNTY,
                                                               village, day, "a"));
            }
            if (step < steps && random.nextBoolean()) {
                events.add(new DisputeReopenedEvent(id, "again", day, "a"));
            }
        }
        for (int seq = 0; seq < events.size(); seq++) {
            model.apply(events.get(seq), seq, UUID.randomUUID().toString());
        }
        return id;
    }
}
