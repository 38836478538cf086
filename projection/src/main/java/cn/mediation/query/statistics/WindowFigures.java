package cn.mediation.query.statistics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures of DOMAIN.md for one dispute over a window of business dates, and the exact change a new fact makes
 * to them. Every per-dispute figure depends only on the facts dated inside the window; since a dispute's facts come
 * in date order, a new fact dated {@code d} changes the figures only of windows that contain {@code d}, by an amount
 * that depends only on where the window starts. That amount is a step function of the window's start with steps at
 * the earlier facts' dates, stored as {@code (t, c)} pairs meaning "add c when the window starts on or before t".
 * The statistics of any period are then the sum, over the facts dated in it, of the steps at or after its start:
 * exact for "counted at most once per period" and "failed with no resolution in the period" alike.
 */
final class WindowFigures {

    static final String REGISTERED = "reg";
    static final String FOUND = "fnd";
    static final String RESOLVED = "res";
    static final String FAILED = "fail";
    static final String MAJOR_RESOLVED = "maj";
    static final String ESCALATED = "esc";
    static final String KEPT_LOCAL = "kl";
    static final String DAYS_SUM = "dsum";
    static final String DAYS_HISTOGRAM = "h:";
    static final String GROUP_INCIDENTS = "gi";
    static final String CIVIL_TO_CRIMINAL = "cc";
    static final String SATISFACTION_SUM = "ssum";
    static final String SATISFACTION_COUNT = "scnt";
    static final String SWEEPS = "swp";
    static final String LINKAGE = "L:";
    // the official report (DOMAIN.md, "The official report")
    static final String ACCEPTED = "acc";
    static final String ACCEPTED_PARTIES = "accp";
    static final String ACCEPTED_THREE_OR_MORE = "acc3";
    /** Registered by official source: {@code src:INITIATIVE} and so on. */
    static final String SOURCE = "src:";
    /** Registered referrals by who referred: {@code ref:POLICE} and so on, {@code ref:-} when not recorded. */
    static final String REFERRER = "ref:";
    /** Resolved by agreement form: {@code form:ORAL}, {@code form:WRITTEN}. */
    static final String FORM = "form:";
    static final String AMOUNT_FEN = "amt";
    static final String FULFILLED = "ful";
    static final String CONFIRMED = "jc";
    /** Resolved with a prevention outcome, as disputes ({@code pv:SUICIDE}) and as persons ({@code pvp:SUICIDE}). */
    static final String PREVENTED = "pv:";
    static final String PREVENTED_PERSONS = "pvp:";
    /** Resolved with the prevention outcomes recorded (none included): the base the outcomes are read against. */
    static final String PREVENTION_RECORDED = "pvr";
    /** 预防纠纷: found by a sweep and resolved. */
    static final String PREVENTED_DISPUTES = "pvd";

    private WindowFigures() {
    }

    /** The figures of one dispute over the window of its facts dated on or after {@code from}. */
    static Map<String, Long> evaluate(DisputeFacts dispute, List<DisputeFacts.Fact> facts, LocalDate from) {
        Map<String, Long> figures = new HashMap<>();
        DisputeFacts.Fact latestResolution = null;
        boolean failed = false;
        boolean escalated = false;
        boolean accepted = false;
        for (DisputeFacts.Fact fact : facts) {
            if (fact.date().isBefore(from)) {
                continue;
            }
            switch (fact.kind()) {
                case DisputeFacts.REGISTERED -> {
                    figures.put(REGISTERED, 1L);
                    if ("SWEEP".equals(dispute.source)) {
                        figures.put(FOUND, 1L);
                    }
                    figures.put(SOURCE + officialSource(dispute.source), 1L);
                    if ("REFERRAL".equals(dispute.source)) {
                        figures.put(REFERRER + (dispute.referredBy == null ? "-" : dispute.referredBy), 1L);
                    }
                }
                case DisputeFacts.SCREENED -> accepted |= "ACCEPT".equals(fact.a()) || "SEND_UP".equals(fact.a());
                case DisputeFacts.FULFILLED -> figures.put(FULFILLED, 1L);
                case DisputeFacts.CONFIRMED -> figures.put(CONFIRMED, 1L);
                case DisputeFacts.RESOLVED -> latestResolution = fact;
                case DisputeFacts.FAILED -> failed = true;
                case DisputeFacts.ESCALATED -> {
                    escalated = true;
                    figures.merge(LINKAGE + fact.a() + ":" + fact.b(), 1L, Long::sum);
                }
                case DisputeFacts.INCIDENT -> figures.merge(
                        "GROUP_INCIDENT".equals(fact.a()) ? GROUP_INCIDENTS : CIVIL_TO_CRIMINAL, 1L, Long::sum);
                case DisputeFacts.FOLLOW_UP -> {
                    figures.merge(SATISFACTION_SUM, Long.parseLong(fact.a()), Long::sum);
                    figures.merge(SATISFACTION_COUNT, 1L, Long::sum);
                }
                default -> throw new IllegalStateException("unknown fact " + fact.kind());
            }
        }
        if (latestResolution != null) {
            figures.put(RESOLVED, 1L);
            if ("MAJOR".equals(latestResolution.a())) {
                figures.put(MAJOR_RESOLVED, 1L);
            }
            if ("VILLAGE".equals(latestResolution.b()) || "TOWN".equals(latestResolution.b())) {
                figures.put(KEPT_LOCAL, 1L);
            }
            long days = ChronoUnit.DAYS.between(dispute.registeredOn, latestResolution.date());
            figures.put(DAYS_SUM, days);
            figures.put(DAYS_HISTOGRAM + days, 1L);
            DisputeFacts.Agreement agreement = DisputeFacts.Agreement.decode(latestResolution.c());
            if (agreement.form() != null) {
                figures.put(FORM + agreement.form(), 1L);
            }
            if (agreement.amountFen() != 0) {
                figures.put(AMOUNT_FEN, agreement.amountFen());
            }
            if (agreement.prevention() != null) {
                figures.put(PREVENTION_RECORDED, 1L);
                agreement.prevention().forEach((outcome, persons) -> {
                    figures.put(PREVENTED + outcome, 1L);
                    figures.put(PREVENTED_PERSONS + outcome, (long) persons);
                });
            }
            if ("SWEEP".equals(dispute.source)) {
                figures.put(PREVENTED_DISPUTES, 1L);
            }
        } else if (failed) {
            figures.put(FAILED, 1L);
        }
        if (escalated) {
            figures.put(ESCALATED, 1L);
        }
        if (accepted) {
            figures.put(ACCEPTED, 1L);
            figures.put(ACCEPTED_PARTIES, (long) dispute.peopleInvolved);
            if (dispute.peopleInvolved >= 3) {
                figures.put(ACCEPTED_THREE_OR_MORE, 1L);
            }
        }
        return figures;
    }

    /** The official report's source of one of ours (see {@code OfficialSource}). */
    static String officialSource(String source) {
        return cn.mediation.core.report.OfficialSource.of(cn.mediation.core.dispute.DisputeSource.valueOf(source))
                                                      .name();
    }

    /**
     * The steps a new fact adds: figure → (t → c). {@code before} are the dispute's facts without it, {@code after}
     * with it; the new fact is dated on or after every earlier one.
     */
    static Map<String, Map<LocalDate, Long>> steps(DisputeFacts dispute, List<DisputeFacts.Fact> before,
                                                   List<DisputeFacts.Fact> after, LocalDate date) {
        TreeSet<LocalDate> breakpoints = new TreeSet<>();
        for (DisputeFacts.Fact fact : before) {
            if (!fact.date().isAfter(date)) {
                breakpoints.add(fact.date());
            }
        }
        breakpoints.add(date);
        // delta of each figure for a window starting at each breakpoint (covers the starts after the previous one)
        List<LocalDate> points = List.copyOf(breakpoints);
        List<Map<String, Long>> deltas = new java.util.ArrayList<>();
        for (LocalDate point : points) {
            Map<String, Long> old = evaluate(dispute, before, point);
            Map<String, Long> now = evaluate(dispute, after, point);
            Map<String, Long> delta = new HashMap<>();
            now.forEach((figure, value) -> delta.merge(figure, value, Long::sum));
            old.forEach((figure, value) -> delta.merge(figure, -value, Long::sum));
            delta.values().removeIf(v -> v == 0);
            deltas.add(delta);
        }
        Map<String, Map<LocalDate, Long>> steps = new TreeMap<>();
        for (int i = 0; i < points.size(); i++) {
            Map<String, Long> here = deltas.get(i);
            Map<String, Long> next = i + 1 < points.size() ? deltas.get(i + 1) : Map.of();
            java.util.Set<String> figures = new java.util.HashSet<>(here.keySet());
            figures.addAll(next.keySet());
            for (String figure : figures) {
                long c = here.getOrDefault(figure, 0L) - next.getOrDefault(figure, 0L);
                if (c != 0) {
                    steps.computeIfAbsent(figure, k -> new TreeMap<>()).put(points.get(i), c);
                }
            }
        }
        return steps;
    }
}
