package cn.mediation.query.statistics;

import cn.mediation.core.dispute.*;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.testing.TestMongo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official report's figures of a generated scenario (registrations from every source, screenings that accept,
 * decline or send up, resolutions with forms, amounts and prevention outcomes, reopenings and second resolutions,
 * fulfilments, judicial confirmations) read from the buckets for random periods equal a count made here directly
 * from the scenario by DOMAIN.md's rules, without the projection's code.
 */
class OfficialReportFiguresTest {

    private static final String VILLAGE = "511902101001";
    private static final String OTHER_VILLAGE = "511903101001";
    private static final String COUNTY = "511902000000";
    private static final LocalDate START = LocalDate.of(2025, 11, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    /** One dispute as the test generated it: what the counting rules look at. */
    record Resolution(LocalDate date, AgreementForm form, BigDecimal amount, List<Prevention> prevention) {
    }

    static final class Case {
        String village;
        DisputeSource source;
        Referrer referrer;
        int people;
        LocalDate registered;
        final List<Map.Entry<LocalDate, ScreeningDecision>> screenings = new ArrayList<>();
        final List<Resolution> resolutions = new ArrayList<>();
        final List<LocalDate> fulfilled = new ArrayList<>();
        final List<LocalDate> confirmed = new ArrayList<>();
    }

    @Test
    void reportFiguresEqualAnIndependentCountOfTheScenario() {
        Random random = new Random(20261207);
        MongoStatisticsStore store = new MongoStatisticsStore(TestMongo.freshDatabase());
        StatisticsModel model = new StatisticsModel(store, StatisticsModel.DisputeIndex.NONE);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            cases.add(generate(model, random));
        }
        for (int i = 0; i < 40; i++) {
            LocalDate from = START.plusDays(random.nextInt(200));
            if (i % 3 == 0) {
                from = from.withDayOfMonth(1);
            }
            LocalDate to = from.plusDays(random.nextInt(150));
            String region = i % 2 == 0 ? VILLAGE : COUNTY;
            FigureSums sums = new StatisticsCalculator(store)
                    .compute(List.of(region), from, to, List.of(BucketKeys.ALL), TODAY, 30)
                    .get(region).get(BucketKeys.ALL);
            assertThat(sums.report()).as("%s %s..%s", region, from, to)
                                     .isEqualTo(expected(cases, region, from, to));
        }
    }

    @Test
    void theReportHasEveryFigureOfTheDomainTableWithItsUnit() {
        FigureSums empty = new FigureSums(START);
        assertThat(empty.report()).containsKeys(
                "accepted", "acceptedParties", "acceptedThreeOrMore", "sourceInitiative", "sourceApplication",
                "sourceReferral", "referralPolice", "referralCourt", "referralGovernment", "referralPetitionOffice",
                "agreementsOral", "agreementsWritten", "agreementAmount", "fulfilled", "judiciallyConfirmed",
                "preventSuicide", "preventSuicidePersons", "preventCriminalCase", "preventCriminalCasePersons",
                "preventGroupPetition", "preventGroupPetitionPersons", "preventGroupFight", "preventGroupFightPersons",
                "preventedDisputes");
        assertThat(empty.report().get("agreementAmount")).isEqualTo(new BigDecimal("0.00"));
    }

    private static Map<String, Object> expected(List<Case> cases, String region, LocalDate from, LocalDate to) {
        long accepted = 0, parties = 0, threeOrMore = 0, oral = 0, written = 0, fen = 0, fulfilled = 0, confirmed = 0;
        long recorded = 0, prevented = 0;
        Map<String, Long> sources = new TreeMap<>();
        Map<String, Long> referrals = new TreeMap<>();
        Map<PreventionOutcome, long[]> outcomes = new EnumMap<>(PreventionOutcome.class);
        for (PreventionOutcome o : PreventionOutcome.values()) {
            outcomes.put(o, new long[2]);
        }
        for (Case c : cases) {
            if (!region.equals(COUNTY) && !c.village.equals(region)) {
                continue;
            }
            if (region.equals(COUNTY) && !c.village.startsWith("511902")) {
                continue;
            }
            if (in(c.registered, from, to)) {
                String source = c.source == DisputeSource.SWEEP ? "Initiative"
                        : c.source == DisputeSource.APPLICATION ? "Application" : "Referral";
                sources.merge(source, 1L, Long::sum);
                if (c.source == DisputeSource.REFERRAL) {
                    referrals.merge(c.referrer == null ? "NotRecorded" : switch (c.referrer) {
                        case POLICE -> "Police";
                        case COURT -> "Court";
                        case GOVERNMENT -> "Government";
                        case PETITION_OFFICE -> "PetitionOffice";
                    }, 1L, Long::sum);
                }
            }
            boolean wasAccepted = c.screenings.stream().anyMatch(
                    s -> in(s.getKey(), from, to) && s.getValue() != ScreeningDecision.DECLINE);
            if (wasAccepted) {
                accepted++;
                parties += c.people;
                threeOrMore += c.people >= 3 ? 1 : 0;
            }
            Resolution last = null;
            for (Resolution r : c.resolutions) {
                if (in(r.date(), from, to)) {
                    last = r;
                }
            }
            if (last != null) {
                oral += last.form() == AgreementForm.ORAL ? 1 : 0;
                written += last.form() == AgreementForm.WRITTEN ? 1 : 0;
                fen += last.amount() == null ? 0 : last.amount().movePointRight(2).longValueExact();
                if (last.prevention() != null) {
                    recorded++;
                    for (Prevention p : last.prevention()) {
                        outcomes.get(p.outcome())[0]++;
                        outcomes.get(p.outcome())[1] += p.persons();
                    }
                }
                prevented += c.source == DisputeSource.SWEEP ? 1 : 0;
            }
            fulfilled += c.fulfilled.stream().anyMatch(d -> in(d, from, to)) ? 1 : 0;
            confirmed += c.confirmed.stream().anyMatch(d -> in(d, from, to)) ? 1 : 0;
        }
        Map<String, Object> report = new java.util.LinkedHashMap<>();
        report.put("accepted", accepted);
        report.put("acceptedParties", parties);
        report.put("acceptedThreeOrMore", threeOrMore);
        for (String s : List.of("Initiative", "Application", "Referral")) {
            report.put("source" + s, sources.getOrDefault(s, 0L));
        }
        for (String r : List.of("Police", "Court", "Government", "PetitionOffice", "NotRecorded")) {
            report.put("referral" + r, referrals.getOrDefault(r, 0L));
        }
        report.put("agreementsOral", oral);
        report.put("agreementsWritten", written);
        report.put("agreementAmount", BigDecimal.valueOf(fen, 2));
        report.put("fulfilled", fulfilled);
        report.put("judiciallyConfirmed", confirmed);
        report.put("preventionRecorded", recorded);
        for (PreventionOutcome o : PreventionOutcome.values()) {
            String name = "prevent" + ReportFigures.camel(o.name());
            report.put(name, outcomes.get(o)[0]);
            report.put(name + "Persons", outcomes.get(o)[1]);
        }
        report.put("preventedDisputes", prevented);
        return report;
    }

    private static boolean in(LocalDate date, LocalDate from, LocalDate to) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    /** One dispute's life at random, applied to the model; the case as generated. */
    private static Case generate(StatisticsModel model, Random random) {
        String id = UUID.randomUUID().toString();
        Case c = new Case();
        c.village = random.nextInt(4) == 0 ? OTHER_VILLAGE : VILLAGE;
        c.source = DisputeSource.values()[random.nextInt(3)];
        c.referrer = c.source == DisputeSource.REFERRAL && random.nextInt(5) > 0
                ? Referrer.values()[random.nextInt(Referrer.values().length)] : null;
        c.people = 1 + random.nextInt(5);
        LocalDate day = START.plusDays(random.nextInt(180));
        c.registered = day;
        List<Object> events = new ArrayList<>();
        events.add(new DisputeRegisteredEvent(id, "n", "C" + c.village, c.village, "NEIGHBOURS", c.source, "s", day,
                                              null, c.people, null, List.of(), "a", c.referrer));
        ScreeningDecision decision = ScreeningDecision.values()[random.nextInt(3)];
        day = day.plusDays(random.nextInt(5));
        events.add(new DisputeScreenedEvent(id, RiskGrade.ORDINARY, decision, "r", false, false, day, "a"));
        c.screenings.add(Map.entry(day, decision));
        if (decision == ScreeningDecision.DECLINE) {
            apply(model, events);
            return c;
        }
        events.add(new MediationStartedEvent(id, "c", List.of("m"), MediationChannel.PEOPLES, RegionLevel.VILLAGE,
                                             c.village, day, "a"));
        int rounds = 1 + random.nextInt(2);
        for (int round = 0; round < rounds; round++) {
            day = day.plusDays(random.nextInt(40));
            AgreementForm form = random.nextBoolean() ? AgreementForm.ORAL : AgreementForm.WRITTEN;
            BigDecimal amount = random.nextInt(3) == 0 ? null : BigDecimal.valueOf(random.nextInt(500_000), 2);
            List<Prevention> prevention = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> List.of();
                default -> {
                    List<Prevention> chosen = new ArrayList<>();
                    for (PreventionOutcome o : PreventionOutcome.values()) {
                        if (random.nextInt(3) == 0) {
                            chosen.add(new Prevention(o, 1 + random.nextInt(20)));
                        }
                    }
                    yield chosen;
                }
            };
            events.add(new DisputeResolvedEvent(id, form, "t", amount, RegionLevel.VILLAGE, c.village, day, "a",
                                                prevention));
            c.resolutions.add(new Resolution(day, form, amount, prevention));
            if (random.nextBoolean()) {
                day = day.plusDays(random.nextInt(10));
                events.add(new JudicialConfirmationRecordedEvent(id, "court", day, "a"));
                c.confirmed.add(day);
            }
            day = day.plusDays(random.nextInt(10));
            boolean kept = random.nextBoolean();
            events.add(new FulfilmentRecordedEvent(id, kept, day, "a"));
            if (kept) {
                c.fulfilled.add(day);
                break;
            }
            if (round + 1 < rounds) {
                events.add(new DisputeReopenedEvent(id, "again", day, "a"));
            }
        }
        apply(model, events);
        return c;
    }

    private static void apply(StatisticsModel model, List<Object> events) {
        for (int seq = 0; seq < events.size(); seq++) {
            model.apply(events.get(seq), seq, UUID.randomUUID().toString());
        }
    }
}
