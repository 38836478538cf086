package cn.mediation.command.dispute;

import cn.mediation.core.dispute.*;
import cn.mediation.core.region.RegionLevel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static cn.mediation.core.dispute.DisputeStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of dispute commands, sent through Axon's command bus to an event-sourced repository over an
 * in-memory event store. A model written here, independently of {@link Dispute}, predicts for every command whether
 * it is accepted and what state follows, and the test checks:
 * <ul>
 *     <li>(a) every accepted command leaves the dispute in a status the lifecycle table below allows after that
 *     command from the status before it; a refused command stores nothing;</li>
 *     <li>(b) replaying all stored events into a fresh aggregate gives the same status, handling level, handling unit
 *     and version as the model, and as the command's own result.</li>
 * </ul>
 */
class DisputeLifecyclePropertyTest {

    /** Every command the dispute takes. */
    enum Kind {
        REGISTER, SCREEN, START_MEDIATION, RECORD_SESSION, RESOLVE, FAIL, ESCALATE, ACCEPT_ESCALATION, WITHDRAW,
        RECORD_FULFILMENT, RECORD_JUDICIAL_CONFIRMATION, RECORD_FOLLOW_UP, REOPEN, CLOSE, RECORD_INCIDENT
    }

    // ================================================================== the lifecycle table

    /** For each command: the statuses it may be given in, and the statuses it may leave the dispute in. */
    private static final Map<Kind, Map<DisputeStatus, Set<DisputeStatus>>> LIFECYCLE = new EnumMap<>(Kind.class);

    static {
        allow(Kind.SCREEN, REGISTERED, ACCEPTED, DECLINED, ESCALATED);
        allow(Kind.SCREEN, ACCEPTED, ACCEPTED);
        allow(Kind.START_MEDIATION, ACCEPTED, MEDIATING);
        allow(Kind.RECORD_SESSION, MEDIATING, MEDIATING);
        allow(Kind.RESOLVE, MEDIATING, RESOLVED);
        allow(Kind.FAIL, MEDIATING, FAILED);
        for (DisputeStatus from : List.of(ACCEPTED, MEDIATING, FAILED)) {
            allow(Kind.ESCALATE, from, ESCALATED, TRANSFERRED);
        }
        allow(Kind.ACCEPT_ESCALATION, ESCALATED, ACCEPTED);
        for (DisputeStatus from : List.of(REGISTERED, ACCEPTED, MEDIATING, ESCALATED, FAILED)) {
            allow(Kind.WITHDRAW, from, WITHDRAWN);
        }
        allow(Kind.RECORD_FULFILMENT, RESOLVED, RESOLVED);
        allow(Kind.RECORD_JUDICIAL_CONFIRMATION, RESOLVED, RESOLVED);
        allow(Kind.RECORD_FOLLOW_UP, RESOLVED, RESOLVED);
        allow(Kind.RECORD_FOLLOW_UP, CLOSED, CLOSED); // only when closed after a resolution, see the model
        allow(Kind.REOPEN, RESOLVED, MEDIATING);
        for (DisputeStatus from : List.of(RESOLVED, FAILED, DECLINED, TRANSFERRED, WITHDRAWN)) {
            allow(Kind.CLOSE, from, CLOSED);
        }
        for (DisputeStatus any : DisputeStatus.values()) {
            allow(Kind.RECORD_INCIDENT, any, any);
            allow(Kind.REGISTER, any, any); // a retried registration changes nothing
        }
    }

    private static void allow(Kind kind, DisputeStatus from, DisputeStatus... to) {
        LIFECYCLE.computeIfAbsent(kind, k -> new EnumMap<>(DisputeStatus.class))
                 .computeIfAbsent(from, f -> EnumSet.noneOf(DisputeStatus.class))
                 .addAll(List.of(to));
    }

    private static boolean lifecycleAllows(Kind kind, DisputeStatus from) {
        return LIFECYCLE.get(kind).containsKey(from);
    }

    private static final Map<RegionLevel, RegionLevel> LEVEL_ABOVE = Map.of(
            RegionLevel.VILLAGE, RegionLevel.TOWN,
            RegionLevel.TOWN, RegionLevel.COUNTY,
            RegionLevel.COUNTY, RegionLevel.CITY);

    private static final List<EscalationTarget> LEVEL_TARGETS =
            List.of(EscalationTarget.TOWN, EscalationTarget.COUNTY, EscalationTarget.CITY);
    private static final List<EscalationTarget> CHANNELS =
            List.of(EscalationTarget.ADMINISTRATIVE_RULING, EscalationTarget.ARBITRATION, EscalationTarget.LITIGATION,
                    EscalationTarget.PETITION, EscalationTarget.PUBLIC_SECURITY);

    /** Villages of the shipped sample directory, in different towns and counties. */
    private static final List<String> VILLAGES = List.of("511902101001", "511903102003", "511921101002");
    private static final String SOME_OTHER_AREA = "511902101002";
    private static final List<String> FIELDS = List.of("NEIGHBOURS", "LABOUR_WAGES", "MARRIAGE_FAMILY", "CONTRACT");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);

    /** Inspected once: the annotated handlers of the aggregate. */
    private static final AggregateModel<Dispute> DISPUTE_MODEL =
            AnnotatedAggregateMetaModelFactory.inspectAggregate(Dispute.class);

    // ================================================================== generated scripts

    /**
     * One step of a script. Most steps follow the lifecycle table (the command is picked, by {@code pick} and
     * {@link #WEIGHT}, among those the current status allows); the others send {@code kind} whatever the status.
     * {@code variant} picks the arguments, {@code dateStep} moves the date from the case's latest date (mostly forward), and
     * {@code versionCheck} decides whether an expected version is sent (mostly not; sometimes the current one,
     * sometimes a stale one).
     */
    record Action(boolean followTheTable, Kind kind, int pick, int variant, int dateStep, int versionCheck) {
    }

    /** How often each command is picked among those the status allows: moving on is likelier than ending. */
    private static final Map<Kind, Integer> WEIGHT = new EnumMap<>(Map.ofEntries(
            Map.entry(Kind.REGISTER, 1), Map.entry(Kind.SCREEN, 8), Map.entry(Kind.START_MEDIATION, 8),
            Map.entry(Kind.RECORD_SESSION, 2), Map.entry(Kind.RESOLVE, 5), Map.entry(Kind.FAIL, 3),
            Map.entry(Kind.ESCALATE, 4), Map.entry(Kind.ACCEPT_ESCALATION, 8), Map.entry(Kind.WITHDRAW, 1),
            Map.entry(Kind.RECORD_FULFILMENT, 4), Map.entry(Kind.RECORD_JUDICIAL_CONFIRMATION, 1),
            Map.entry(Kind.RECORD_FOLLOW_UP, 2), Map.entry(Kind.REOPEN, 3), Map.entry(Kind.CLOSE, 1),
            Map.entry(Kind.RECORD_INCIDENT, 1)));

    @Provide
    Arbitrary<List<Action>> scripts() {
        Arbitrary<Boolean> follow = Arbitraries.frequency(Tuple.of(85, true), Tuple.of(15, false));
        Arbitrary<Kind> kind = Arbitraries.of(Kind.class);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 999);
        Arbitrary<Integer> variant = Arbitraries.integers().between(0, 99);
        Arbitrary<Integer> dateStep = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.integers().between(0, 3)),
                                                              Tuple.of(1, Arbitraries.integers().between(-3, -1)));
        Arbitrary<Integer> versionCheck = Arbitraries.integers().between(0, 99);
        return Combinators.combine(follow, kind, pick, variant, dateStep, versionCheck).as(Action::new)
                          .list().ofMinSize(5).ofMaxSize(40)
                          .withSizeDistribution(RandomDistribution.uniform());
    }

    // ================================================================== the property

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void everyCommandKeepsTheLifecycleAndReplayReproducesTheState(@ForAll("scripts") List<Action> script) {
        String id = UUID.randomUUID().toString();
        Harness harness = new Harness();
        try {
            Model model = Model.unregistered(id);
            for (int i = 0; i < script.size(); i++) {
                Planned planned = plan(script.get(i), model);
                String step = "step " + i + " " + planned.kind() + " from " + model.status + ": " + planned.command()
                        + (planned.expectedVersion() == null ? "" : " expecting version " + planned.expectedVersion());

                List<String> before = harness.eventIds(id);
                CommandResultMessage<?> result = harness.send(planned.command(), planned.expectedVersion());
                List<? extends DomainEventMessage<?>> stored = harness.events(id);
                List<String> after = stored.stream().map(EventMessage::getIdentifier).toList();

                if (result.isExceptional()) {
                    Throwable refusal = result.exceptionResult();
                    assertThat(after).as(step + " was refused (" + refusal + ") yet stored events").isEqualTo(before);
                    assertThat(planned.outcome()).as(step + " was refused: " + refusal)
                                                 .isInstanceOf(Refused.class);
                    Refused expected = (Refused) planned.outcome();
                    assertThat(refusal).as(step).isInstanceOf(expected.type());
                    if (refusal instanceof RuleViolation rule) {
                        assertThat(rule.field()).as(step + " refused on field").isEqualTo(expected.field());
                    }
                    if (refusal instanceof LifecycleViolation lifecycle) {
                        assertThat(lifecycle.status()).as(step + " names the current status").isEqualTo(model.status);
                    }
                    Statistics.label("refused").collect(refusal.getClass().getSimpleName());
                    continue;
                }

                DisputeStatus statusAfter = statusIn(result.getPayload());
                long versionAfter = versionIn(result.getPayload());
                // (a) the lifecycle table allows the move
                if (model.status == null) {
                    assertThat(planned.kind()).as(step + " accepted on a dispute never registered")
                                              .isEqualTo(Kind.REGISTER);
                    assertThat(statusAfter).as(step).isEqualTo(REGISTERED);
                } else {
                    assertThat(lifecycleAllows(planned.kind(), model.status))
                            .as(step + " accepted although the lifecycle does not allow it").isTrue();
                    assertThat(LIFECYCLE.get(planned.kind()).get(model.status))
                            .as(step + " left the dispute " + statusAfter).contains(statusAfter);
                }
                // the model agrees on acceptance and on the state after
                assertThat(planned.outcome()).as(step + " was accepted with result " + result.getPayload())
                                             .isInstanceOf(Accepted.class);
                Accepted accepted = (Accepted) planned.outcome();
                assertThat(after.size() - before.size()).as(step + " number of events stored")
                                                        .isEqualTo(accepted.events());
                assertThat(after.subList(0, before.size())).as(step + " earlier events untouched").isEqualTo(before);
                model = accepted.after();
                assertThat(statusAfter).as(step + " status in the result").isEqualTo(model.status);
                assertThat(versionAfter).as(step + " version in the result").isEqualTo(model.version);

                // (b) a fresh aggregate rebuilt from every stored event is in the same state
                Dispute replayed = replay(stored);
                assertThat(replayed.status()).as(step + " replayed status").isEqualTo(model.status);
                assertThat(replayed.handlingLevel()).as(step + " replayed handling level").isEqualTo(model.level);
                assertThat(replayed.handlingUnit()).as(step + " replayed handling unit").isEqualTo(model.unit);
                assertThat(replayed.version()).as(step + " replayed version").isEqualTo(model.version)
                                              .isEqualTo(stored.size() - 1L);

                Statistics.label("accepted").collect(planned.kind());
                Statistics.label("status reached").collect(model.status);
            }
            Statistics.label("final level").collect(String.valueOf(model.level));

        } finally {
            harness.close();
        }
        Statistics.label("accepted").coverage(coverage -> {
            for (Kind kind : Kind.values()) {
                coverage.check(kind).count(count -> count > 0);
            }
        });
        Statistics.label("status reached").coverage(coverage -> {
            for (DisputeStatus status : DisputeStatus.values()) {
                coverage.check(status).count(count -> count > 0);
            }
        });
    }

    private static DisputeStatus statusIn(Object payload) {
        if (payload instanceof RegistrationResult registration) {
            return registration.status();
        }
        return ((CommandResult) payload).status();
    }

    private static long versionIn(Object payload) {
        if (payload instanceof RegistrationResult registration) {
            return registration.version();
        }
        return ((CommandResult) payload).version();
    }

    // ================================================================== the model

    /** What the test expects of the dispute, kept without looking at {@link Dispute}. */
    static final class Model {
        final String id;
        RegisterDisputeCommand registration;
        DisputeStatus status;
        RegionLevel level;
        String unit;
        long version = -1;
        LocalDate latestDate;
        /** the latest outcome is a resolution: a failure or a reopening clears it */
        boolean everResolved;
        Boolean lastFulfilment;
        RegionLevel pendingLevel;

        private Model(String id) {
            this.id = id;
        }

        static Model unregistered(String id) {
            return new Model(id);
        }

        Model copy() {
            Model copy = new Model(id);
            copy.registration = registration;
            copy.status = status;
            copy.level = level;
            copy.unit = unit;
            copy.version = version;
            copy.latestDate = latestDate;
            copy.everResolved = everResolved;
            copy.lastFulfilment = lastFulfilment;
            copy.pendingLevel = pendingLevel;
            return copy;
        }
    }

    sealed interface Outcome permits Refused, Accepted {
    }

    record Refused(Class<? extends Throwable> type, String field) implements Outcome {
    }

    record Accepted(int events, Model after) implements Outcome {
    }

    record Planned(Kind kind, Object command, Long expectedVersion, Outcome outcome) {
    }

    private static Refused refused(Class<? extends Throwable> type) {
        return new Refused(type, null);
    }

    private static Refused ruleOn(String field) {
        return new Refused(RuleViolation.class, field);
    }

    private static Accepted accepted(Model before, Model after, int events) {
        after.version = before.version + events;
        return new Accepted(events, after);
    }

    private static Kind kindFor(Action action, Model model) {
        if (!action.followTheTable()) {
            return action.kind();
        }
        if (model.status == null) {
            return Kind.REGISTER;
        }
        List<Kind> allowed = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind != Kind.REGISTER && lifecycleAllows(kind, model.status)) {
                for (int i = 0; i < WEIGHT.get(kind); i++) {
                    allowed.add(kind);
                }
            }
        }
        return allowed.get(action.pick() % allowed.size());
    }

    private static Planned plan(Action action, Model model) {
        Kind kind = kindFor(action, model);
        if (kind == Kind.REGISTER) {
            return planRegistration(action, model);
        }
        int v = action.variant();
        LocalDate latest = model.latestDate == null ? FIRST_DAY : model.latestDate;
        LocalDate date = latest.plusDays(action.dateStep());
        String unit = model.unit == null ? VILLAGES.get(0) : model.unit;
        String field = model.registration == null ? FIELDS.get(0) : model.registration.field();
        String id = model.id;

        Object command = switch (kind) {
            case SCREEN -> {
                ScreeningDecision decision = v < 60 ? ScreeningDecision.ACCEPT
                        : v < 80 ? ScreeningDecision.DECLINE : ScreeningDecision.SEND_UP;
                String reason = v % 3 == 0 ? (v % 2 == 0 ? null : " ") : "已向人民法院起诉";
                yield new ScreenDisputeCommand(id, RiskGrade.values()[v % 3], decision, reason, v % 2 == 0,
                                               v % 5 == 0, date, "clerk-" + v % 4);
            }
            case START_MEDIATION -> {
                List<String> mediators = v < 10 ? List.of() : List.of("M-" + v % 7, "M-" + (v % 7 + 1));
                String committeeRegion;
                String committeeField;
                if (v < 60) {
                    committeeRegion = unit;
                    committeeField = null;
                } else if (v < 80) {
                    committeeRegion = unitAt(VILLAGES.get(v % VILLAGES.size()), RegionLevel.COUNTY);
                    committeeField = field;
                } else if (v < 90) {
                    committeeRegion = SOME_OTHER_AREA;
                    committeeField = null;
                } else {
                    committeeRegion = unit;
                    committeeField = field.equals("OTHER") ? "MEDICAL" : "OTHER";
                }
                yield new StartMediationCommand(id, "C" + committeeRegion, committeeRegion, committeeField, mediators,
                                                MediationChannel.values()[v % 3], date, "mediator-" + v % 3);
            }
            case RECORD_SESSION -> new RecordMediationSessionCommand(id, List.of("张三", "李四"), "第" + v + "次调解",
                                                                     date, "mediator-" + v % 3);
            case RESOLVE -> {
                BigDecimal amount = v < 10 ? new BigDecimal("-" + (v + 1) + ".50")
                        : v < 30 ? null : v < 40 ? new BigDecimal("0.00") : new BigDecimal(v * 100 + ".00");
                yield new ResolveDisputeCommand(id, AgreementForm.values()[v % 2], "协议条款" + v, amount, date,
                                                "mediator-" + v % 3);
            }
            case FAIL -> new FailMediationCommand(id, "分歧过大" + v, date, "mediator-" + v % 3);
            case ESCALATE -> {
                RegionLevel above = model.level == null ? null : LEVEL_ABOVE.get(model.level);
                EscalationTarget target;
                if (v < 60 && above != null) {
                    target = EscalationTarget.forLevel(above);
                } else if (v < 80 || (v < 60 && above == null)) {
                    target = CHANNELS.get(v % CHANNELS.size());
                } else {
                    List<EscalationTarget> wrong = new ArrayList<>(LEVEL_TARGETS);
                    if (above != null) {
                        wrong.remove(EscalationTarget.forLevel(above));
                    }
                    target = wrong.get(v % wrong.size());
                }
                yield new EscalateDisputeCommand(id, target, "难以化解" + v, date, "clerk-" + v % 4);
            }
            case ACCEPT_ESCALATION -> new AcceptEscalationCommand(id, date, "centre-" + v % 4);
            case WITHDRAW -> new WithdrawDisputeCommand(id, v % 4 == 0 ? null : "申请人撤回", date, "clerk-" + v % 4);
            case RECORD_FULFILMENT -> new RecordFulfilmentCommand(id, v % 2 == 1, date, "mediator-" + v % 3);
            case RECORD_JUDICIAL_CONFIRMATION -> new RecordJudicialConfirmationCommand(id, "巴州区人民法院", date,
                                                                                       "clerk-" + v % 4);
            case RECORD_FOLLOW_UP -> new RecordFollowUpCommand(id, v < 5 ? 0 : v < 10 ? 6 : 1 + v % 5,
                                                               v % 2 == 0 ? null : "回访满意", date,
                                                               "mediator-" + v % 3);
            case REOPEN -> new ReopenDisputeCommand(id, "协议未履行", date, "mediator-" + v % 3);
            case CLOSE -> new CloseDisputeCommand(id, v % 4 == 0 ? null : "结案", date, "clerk-" + v % 4);
            case RECORD_INCIDENT -> new RecordIncidentCommand(id, IncidentKind.values()[v % 2], "事件" + v, date,
                                                              "clerk-" + v % 4);
            case REGISTER -> throw new IllegalStateException("registration is planned apart");
        };

        Long expectedVersion = null;
        if (action.versionCheck() >= 90) {
            expectedVersion = model.version + (v % 2 == 0 ? -1 : 1);
        } else if (action.versionCheck() >= 80) {
            expectedVersion = model.version;
        }

        Outcome outcome;
        if (model.status == null) {
            outcome = refused(AggregateNotFoundException.class);
        } else if (expectedVersion != null && expectedVersion != model.version) {
            outcome = refused(StaleVersion.class);
        } else if (!lifecycleAllows(kind, model.status)
                || (kind == Kind.RECORD_FOLLOW_UP && !model.everResolved)) {
            outcome = refused(LifecycleViolation.class);
        } else if (date.isBefore(model.latestDate)) {
            outcome = ruleOn("date");
        } else {
            outcome = rules(kind, command, model, date);
        }
        return new Planned(kind, command, expectedVersion, outcome);
    }

    /** The rules past status and date, and the state each accepted command leads to. */
    private static Outcome rules(Kind kind, Object command, Model model, LocalDate date) {
        Model next = model.copy();
        next.latestDate = date;
        switch (kind) {
            case SCREEN -> {
                ScreenDisputeCommand screen = (ScreenDisputeCommand) command;
                if (model.status == ACCEPTED && screen.decision() != ScreeningDecision.ACCEPT) {
                    return ruleOn("decision");
                }
                if (screen.decision() == ScreeningDecision.DECLINE && blank(screen.reason())) {
                    return ruleOn("reason");
                }
                switch (screen.decision()) {
                    case ACCEPT -> next.status = ACCEPTED;
                    case DECLINE -> next.status = DECLINED;
                    case SEND_UP -> {
                        next.status = ESCALATED;
                        next.pendingLevel = LEVEL_ABOVE.get(model.level);
                        return accepted(model, next, 2);
                    }
                }
            }
            case START_MEDIATION -> {
                StartMediationCommand start = (StartMediationCommand) command;
                if (start.mediatorIds() == null || start.mediatorIds().isEmpty()) {
                    return ruleOn("mediatorIds");
                }
                boolean ownCommittee = model.unit.equals(start.committeeRegionCode()) && start.committeeField() == null;
                boolean industryCommittee = model.registration.field().equals(start.committeeField());
                if (!ownCommittee && !industryCommittee) {
                    return ruleOn("committeeId");
                }
                next.status = MEDIATING;
            }
            case RECORD_SESSION, RECORD_JUDICIAL_CONFIRMATION, RECORD_INCIDENT -> {
                // no change of status
            }
            case RESOLVE -> {
                BigDecimal amount = ((ResolveDisputeCommand) command).amount();
                if (amount != null && amount.signum() < 0) {
                    return ruleOn("amount");
                }
                next.status = RESOLVED;
                next.everResolved = true;
                next.lastFulfilment = null;
            }
            case FAIL -> {
                next.status = FAILED;
                next.everResolved = false;
            }
            case ESCALATE -> {
                EscalationTarget target = ((EscalateDisputeCommand) command).to();
                if (LEVEL_TARGETS.contains(target)) {
                    RegionLevel above = LEVEL_ABOVE.get(model.level);
                    if (above == null || target.level() != above) {
                        return ruleOn("to");
                    }
                    next.status = ESCALATED;
                    next.pendingLevel = above;
                } else {
                    next.status = TRANSFERRED;
                }
            }
            case ACCEPT_ESCALATION -> {
                next.status = ACCEPTED;
                next.level = model.pendingLevel;
                next.unit = unitAt(model.registration.villageCode(), model.pendingLevel);
                next.pendingLevel = null;
            }
            case WITHDRAW -> next.status = WITHDRAWN;
            case RECORD_FULFILMENT -> next.lastFulfilment = ((RecordFulfilmentCommand) command).fulfilled();
            case RECORD_FOLLOW_UP -> {
                int satisfaction = ((RecordFollowUpCommand) command).satisfaction();
                if (satisfaction < 1 || satisfaction > 5) {
                    return ruleOn("satisfaction");
                }
            }
            case REOPEN -> {
                if (!Boolean.FALSE.equals(model.lastFulfilment)) {
                    return ruleOn("reason");
                }
                next.status = MEDIATING;
                next.lastFulfilment = null;
                next.everResolved = false;
            }
            case CLOSE -> next.status = CLOSED;
            case REGISTER -> throw new IllegalStateException("registration is planned apart");
        }
        return accepted(model, next, 1);
    }

    private static Planned planRegistration(Action action, Model model) {
        int v = action.variant();
        if (model.registration != null) {
            RegisterDisputeCommand first = model.registration;
            if (v < 50) {
                // the same registration sent again, as the edge does: no case number, perhaps another clerk
                RegisterDisputeCommand retry = new RegisterDisputeCommand(
                        first.disputeId(), v % 2 == 0 ? null : first.caseNumber(), first.committeeId(),
                        first.villageCode(), first.field(), first.source(), first.summary(), first.date(),
                        first.occurredOn(), first.peopleInvolved(), first.amountInvolved(),
                        List.copyOf(first.parties()), "clerk-" + v % 4);
                return new Planned(Kind.REGISTER, retry, null, new Accepted(0, model.copy()));
            }
            RegisterDisputeCommand other = new RegisterDisputeCommand(
                    first.disputeId(), null, first.committeeId(), first.villageCode(), first.field(), first.source(),
                    first.summary() + "（补充）", first.date(), first.occurredOn(), first.peopleInvolved(),
                    first.amountInvolved(), first.parties(), "clerk-" + v % 4);
            return new Planned(Kind.REGISTER, other, null, refused(RegistrationConflict.class));
        }

        String village = VILLAGES.get(v % VILLAGES.size());
        LocalDate date = FIRST_DAY.plusDays(v % 20);
        LocalDate occurredOn = v < 5 ? date.plusDays(1) : v % 3 == 0 ? null : date.minusDays(v % 10);
        List<Party> parties = v >= 5 && v < 10 ? List.of() : List.of(
                new Party(PartyRole.APPLICANT, "张三丰", DisputeSamples.idNumber("51190219800512301"), "13812345678"),
                new Party(PartyRole.RESPONDENT, "李四", null, v % 2 == 0 ? null : "0827-5262345"));
        RegisterDisputeCommand register = new RegisterDisputeCommand(
                model.id, "2026-" + village + "-" + String.format("%04d", v), "C" + village, village,
                FIELDS.get(v % FIELDS.size()), DisputeSource.values()[v % 3], "纠纷摘要" + v, date, occurredOn,
                1 + v % 9, v % 4 == 0 ? null : new BigDecimal(v + "00.00"), parties, "clerk-" + v % 4);
        Outcome outcome;
        if (occurredOn != null && occurredOn.isAfter(date)) {
            outcome = ruleOn("occurredOn");
        } else if (parties.isEmpty()) {
            outcome = ruleOn("parties");
        } else {
            Model next = model.copy();
            next.registration = register;
            next.status = REGISTERED;
            next.level = RegionLevel.VILLAGE;
            next.unit = village;
            next.latestDate = date;
            outcome = accepted(model, next, 1);
        }
        return new Planned(Kind.REGISTER, register, null, outcome);
    }

    private static String unitAt(String village, RegionLevel level) {
        return switch (level) {
            case VILLAGE -> village;
            case TOWN -> village.substring(0, 9) + "000";
            case COUNTY -> village.substring(0, 6) + "000000";
            case CITY -> village.substring(0, 4) + "00000000";
        };
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    // ================================================================== the harness

    /** Axon's own command handling for the aggregate, over an in-memory event store: no Spring, no MongoDB. */
    static final class Harness {

        private final EmbeddedEventStore eventStore;
        private final SimpleCommandBus commandBus;

        Harness() {
            eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
            EventSourcingRepository<Dispute> repository =
                    EventSourcingRepository.builder(Dispute.class)
                                           .aggregateModel(DISPUTE_MODEL)
                                           .eventStore(eventStore)
                                           .build();
            commandBus = SimpleCommandBus.builder().build();
            AggregateAnnotationCommandHandler.<Dispute>builder()
                                             .aggregateType(Dispute.class)
                                             .aggregateModel(DISPUTE_MODEL)
                                             .repository(repository)
                                             .build()
                                             .subscribe(commandBus);
        }

        CommandResultMessage<?> send(Object command, Long expectedVersion) {
            MetaData metaData = expectedVersion == null ? MetaData.emptyInstance()
                    : MetaData.with(Dispute.EXPECTED_VERSION, expectedVersion);
            FutureCallback<Object, Object> callback = new FutureCallback<>();
            commandBus.dispatch(new GenericCommandMessage<>(command, metaData), callback);
            return callback.getResult();
        }

        List<? extends DomainEventMessage<?>> events(String aggregateId) {
            return eventStore.readEvents(aggregateId).asStream().toList();
        }

        List<String> eventIds(String aggregateId) {
            return events(aggregateId).stream().map(EventMessage::getIdentifier).toList();
        }

        void close() {
            eventStore.shutDown();
        }
    }

    /** A brand-new aggregate instance with the given events applied, as a repository would rebuild it. */
    private static Dispute replay(List<? extends DomainEventMessage<?>> events) {
        EventSourcedAggregate<Dispute> aggregate = EventSourcedAggregate.initialize(
                new Dispute(), DISPUTE_MODEL, SimpleEventBus.builder().build(), NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(events));
        assertThat(aggregate.version()).isEqualTo(events.isEmpty() ? null : events.size() - 1L);
        return aggregate.getAggregateRoot();
    }
}
