package cn.mediation.query.statistics;

import cn.mediation.core.dispute.*;
import cn.mediation.core.sweep.ScreeningSweepRecordedEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statistics projection as a plain class: takes dispute and sweep events, keeps each dispute's facts and adds
 * the exact steps every new fact makes to the buckets (see {@link WindowFigures}). Runs on MongoDB in the live
 * projection and in memory for replays. Each event is applied at most once: the dispute's facts are guarded by the
 * event's sequence number, the buckets by the event's identifier.
 */
final class StatisticsModel {

    private final StatisticsStore store;
    private final DisputeIndex index;

    StatisticsModel(StatisticsStore store, DisputeIndex index) {
        this.store = store;
        this.index = index;
    }

    StatisticsStore store() {
        return store;
    }

    /** Applies one event; {@code seq} is its sequence number in its aggregate. Unknown payloads are ignored. */
    void apply(Object payload, long seq, String eventIdentifier) {
        long hash = BucketKeys.hash(eventIdentifier);
        if (payload instanceof ScreeningSweepRecordedEvent sweep) {
            store.addSteps(sweep.villageCode(), null, sweep.date(),
                           Map.of(WindowFigures.SWEEPS, Map.of(sweep.date(), 1L)), hash);
            return;
        }
        if (payload instanceof DisputeRegisteredEvent e) {
            if (store.facts(e.disputeId()) != null) {
                return;
            }
            DisputeFacts facts = new DisputeFacts(e.villageCode(), e.field(), e.source().name(), e.date(),
                                                  e.peopleInvolved(),
                                                  e.referredBy() == null ? null : e.referredBy().name(),
                                                  new ArrayList<>(), null, "VILLAGE", false);
            record(e.disputeId(), -1, seq, facts, fact(DisputeFacts.REGISTERED, e.date(), null, null),
                   DisputeLifecycle.next(null, e), hash);
            return;
        }
        String disputeId = disputeIdOf(payload);
        if (disputeId == null) {
            return;
        }
        StatisticsStore.Stored stored = store.facts(disputeId);
        if (stored == null || stored.seq() >= seq) {
            return;
        }
        DisputeFacts facts = stored.facts();
        long expected = stored.seq();
        // the lifecycle table decides the status; a step that leaves it (null) does not touch the open count
        DisputeLifecycle.Step step = DisputeLifecycle.Step.of(payload);
        DisputeStatus status = step.target();
        DisputeFacts.Fact fact = null;
        if (payload instanceof DisputeScreenedEvent e) {
            facts.grade = e.grade().name();
            fact = fact(DisputeFacts.SCREENED, e.date(), e.decision().name(), null);
        } else if (payload instanceof DisputeResolvedEvent e) {
            fact = new DisputeFacts.Fact(DisputeFacts.RESOLVED, e.date(), facts.grade, e.level().name(),
                                         DisputeFacts.Agreement.encode(e.form(), e.agreedAmount(), e.prevention()));
        } else if (payload instanceof FulfilmentRecordedEvent e && e.fulfilled()) {
            fact = fact(DisputeFacts.FULFILLED, e.date(), null, null);
        } else if (payload instanceof JudicialConfirmationRecordedEvent e) {
            fact = fact(DisputeFacts.CONFIRMED, e.date(), null, null);
        } else if (payload instanceof MediationFailedEvent e) {
            fact = fact(DisputeFacts.FAILED, e.date(), null, null);
        } else if (payload instanceof DisputeEscalatedEvent e) {
            fact = fact(DisputeFacts.ESCALATED, e.date(), e.fromLevel().name(), e.to().name());
        } else if (payload instanceof EscalationAcceptedEvent e) {
            facts.handlingLevel = e.level().name();
        } else if (payload instanceof FollowUpRecordedEvent e) {
            fact = fact(DisputeFacts.FOLLOW_UP, e.date(), String.valueOf(e.satisfaction()), null);
        } else if (payload instanceof IncidentRecordedEvent e) {
            fact = fact(DisputeFacts.INCIDENT, e.date(), e.kind().name(), null);
        }
        // sessions, a fulfilment recorded as not fulfilled: no figure depends on them
        record(disputeId, expected, seq, facts, fact, status, hash);
    }

    private void record(String disputeId, long expectedSeq, long seq, DisputeFacts facts, DisputeFacts.Fact fact,
                        DisputeStatus status, long hash) {
        if (fact != null) {
            List<DisputeFacts.Fact> before = List.copyOf(facts.facts);
            facts.facts.add(fact);
            store.addSteps(facts.villageCode, facts.field, fact.date(),
                           WindowFigures.steps(facts, before, facts.facts, fact.date()), hash);
            index.add(facts.villageCode, fact.date(), disputeId);
        }
        if (status != null) {
            boolean open = DisputeLifecycle.isOpen(status);
            if (open != facts.open) {
                store.addOpen(facts.villageCode, facts.field, facts.registeredOn, open ? 1 : -1, hash);
                facts.open = open;
            }
        }
        store.saveFacts(disputeId, expectedSeq, seq, facts);
    }

    private static DisputeFacts.Fact fact(String kind, LocalDate date, String a, String b) {
        return new DisputeFacts.Fact(kind, date, a, b);
    }

    /** The dispute an event is about (its registration included), or null. */
    static String disputeOf(Object payload) {
        return payload instanceof DisputeRegisteredEvent e ? e.disputeId() : disputeIdOf(payload);
    }

    private static String disputeIdOf(Object payload) {
        if (payload instanceof DisputeScreenedEvent e) return e.disputeId();
        if (payload instanceof MediationStartedEvent e) return e.disputeId();
        if (payload instanceof MediationSessionRecordedEvent e) return e.disputeId();
        if (payload instanceof DisputeResolvedEvent e) return e.disputeId();
        if (payload instanceof MediationFailedEvent e) return e.disputeId();
        if (payload instanceof DisputeEscalatedEvent e) return e.disputeId();
        if (payload instanceof EscalationAcceptedEvent e) return e.disputeId();
        if (payload instanceof DisputeWithdrawnEvent e) return e.disputeId();
        if (payload instanceof FulfilmentRecordedEvent e) return e.disputeId();
        if (payload instanceof JudicialConfirmationRecordedEvent e) return e.disputeId();
        if (payload instanceof FollowUpRecordedEvent e) return e.disputeId();
        if (payload instanceof DisputeReopenedEvent e) return e.disputeId();
        if (payload instanceof DisputeClosedEvent e) return e.disputeId();
        if (payload instanceof IncidentRecordedEvent e) return e.disputeId();
        return null;
    }

    /** Which disputes had a dated fact in which village and month: the candidates behind any figure. */
    interface DisputeIndex {
        void add(String villageCode, LocalDate date, String disputeId);

        java.util.Collection<String> disputes(java.util.Collection<String> villageMonthKeys);

        /** The village-and-month keys of these villages from {@code first} to {@code last} that may hold disputes. */
        default java.util.List<String> keysWithin(java.util.Collection<String> villages, java.time.YearMonth first,
                                                  java.time.YearMonth last) {
            java.util.List<String> keys = new java.util.ArrayList<>();
            for (String village : villages) {
                for (java.time.YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                    keys.add(DisputeIndexes.key(village, m));
                }
            }
            return keys;
        }

        DisputeIndex NONE = new DisputeIndex() {
            @Override
            public void add(String villageCode, LocalDate date, String disputeId) {
            }

            @Override
            public java.util.Collection<String> disputes(java.util.Collection<String> keys) {
                return List.of();
            }
        };
    }
}
