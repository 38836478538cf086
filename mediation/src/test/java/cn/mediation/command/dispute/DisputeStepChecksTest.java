package cn.mediation.command.dispute;

import cn.mediation.core.access.OutOfJurisdiction;
import cn.mediation.core.dispute.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static cn.mediation.command.dispute.DisputeLifecycleTest.history;
import static cn.mediation.command.dispute.DisputeLifecycleTest.ruleViolationOn;
import static cn.mediation.command.dispute.DisputeSamples.*;
import static cn.mediation.core.dispute.DisputeStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks every step on a registered dispute goes through before its handler's own rules, the same for each step
 * and in this order: the expected version, the status the step needs, the business date. One row per step: the
 * command, a case where it is allowed, a status that refuses it (none for a step allowed in every status) and the
 * words the refusal uses.
 */
class DisputeStepChecksTest {

    private static final LocalDate TODAY = day(10);
    /** Before the registration, so before every case's latest date. */
    private static final LocalDate TOO_EARLY = REGISTERED_ON.minusDays(1);
    private static final String MEDIATOR = "mediator-zhao";

    private record Row(Function<LocalDate, DisputeStep> command, List<Object> allowedIn, DisputeStatus refusedIn,
                       String verb) {
    }

    private static final Map<DisputeAction, Row> ROWS = new EnumMap<>(DisputeAction.class);

    static {
        ROWS.put(DisputeAction.SCREEN, new Row(
                date -> new ScreenDisputeCommand(ID, RiskGrade.ORDINARY, ScreeningDecision.ACCEPT, null, false, false,
                                                 date, CLERK),
                history(REGISTERED), MEDIATING, "screen"));
        ROWS.put(DisputeAction.START_MEDIATION, new Row(
                date -> new StartMediationCommand(ID, COMMITTEE_ID, VILLAGE, null, List.of("M-001"),
                                                  MediationChannel.PEOPLES, date, MEDIATOR),
                history(ACCEPTED), REGISTERED, "start mediation on"));
        ROWS.put(DisputeAction.RECORD_SESSION, new Row(
                date -> new RecordMediationSessionCommand(ID, List.of("张三丰"), "第一次调解", date, MEDIATOR),
                history(MEDIATING), ACCEPTED, "record a session on"));
        ROWS.put(DisputeAction.RESOLVE, new Row(
                date -> new ResolveDisputeCommand(ID, AgreementForm.WRITTEN, "赔偿损失", new BigDecimal("100.00"), date,
                                                  MEDIATOR),
                history(MEDIATING), CLOSED, "resolve"));
        ROWS.put(DisputeAction.FAIL, new Row(
                date -> new FailMediationCommand(ID, "双方分歧过大", date, MEDIATOR),
                history(MEDIATING), RESOLVED, "record a failed mediation on"));
        ROWS.put(DisputeAction.ESCALATE, new Row(
                date -> new EscalateDisputeCommand(ID, EscalationTarget.TOWN, "村级难以化解", date, CLERK),
                history(ACCEPTED), REGISTERED, "escalate"));
        ROWS.put(DisputeAction.ACCEPT_ESCALATION, new Row(
                date -> new AcceptEscalationCommand(ID, date, "town-clerk"),
                history(ESCALATED), ACCEPTED, "accept the escalation of"));
        ROWS.put(DisputeAction.WITHDRAW, new Row(
                date -> new WithdrawDisputeCommand(ID, "申请人撤回", date, CLERK),
                history(REGISTERED), CLOSED, "withdraw"));
        ROWS.put(DisputeAction.RECORD_FULFILMENT, new Row(
                date -> new RecordFulfilmentCommand(ID, true, date, MEDIATOR),
                history(RESOLVED), MEDIATING, "record fulfilment of"));
        ROWS.put(DisputeAction.RECORD_JUDICIAL_CONFIRMATION, new Row(
                date -> new RecordJudicialConfirmationCommand(ID, "巴州区人民法院", date, CLERK),
                history(RESOLVED), FAILED, "record judicial confirmation of"));
        // closed after a decline: the table allows CLOSED, but a follow-up needs a resolution as the latest outcome
        ROWS.put(DisputeAction.RECORD_FOLLOW_UP, new Row(
                date -> new RecordFollowUpCommand(ID, 5, "回访满意", date, MEDIATOR),
                history(RESOLVED), CLOSED, "record a follow-up visit on"));
        ROWS.put(DisputeAction.REOPEN, new Row(
                date -> new ReopenDisputeCommand(ID, "协议未履行", date, MEDIATOR),
                concat(history(RESOLVED), new FulfilmentRecordedEvent(ID, false, day(4), MEDIATOR)), MEDIATING,
                "reopen"));
        ROWS.put(DisputeAction.CLOSE, new Row(
                date -> new CloseDisputeCommand(ID, "结案", date, CLERK),
                history(RESOLVED), MEDIATING, "close"));
        ROWS.put(DisputeAction.RECORD_INCIDENT, new Row(
                date -> new RecordIncidentCommand(ID, IncidentKind.GROUP_INCIDENT, "村民聚集", date, CLERK),
                history(CLOSED), null, null));
        ROWS.put(DisputeAction.ERASE_PERSONAL_DATA, new Row(
                date -> new ErasePersonalDataCommand(ID, date, "admin"),
                history(CLOSED), null, null));
    }

    private FixtureConfiguration<Dispute> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Dispute.class);
    }

    // ================================================================== the table itself

    @Test
    void everyStepHasARowAndItsCommandNamesIt() {
        assertThat(ROWS.keySet()).containsExactlyInAnyOrder(DisputeAction.values());
        ROWS.forEach((action, row) -> assertThat(row.command().apply(TODAY).action()).as(action.name())
                                                                                     .isEqualTo(action));
    }

    @Test
    void everyCommandHandlerButTheRegistrationTakesAStep() {
        List<String> unchecked = new ArrayList<>();
        for (Method method : Dispute.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(CommandHandler.class)) {
                Class<?> payload = method.getParameterTypes()[0];
                if (payload != RegisterDisputeCommand.class && !DisputeStep.class.isAssignableFrom(payload)) {
                    unchecked.add(payload.getSimpleName());
                }
            }
        }
        assertThat(unchecked).as("dispute commands the step checks would not see").isEmpty();
    }

    @Test
    void theVerbsInTheRefusalsAreTheSteps() {
        ROWS.forEach((action, row) -> {
            if (row.verb() != null) {
                assertThat(new LifecycleViolation(CLOSED, action).getMessage()).as(action.name())
                        .isEqualTo("Cannot " + row.verb() + " a dispute that is CLOSED (" + CLOSED.chinese() + ")");
            }
        });
    }

    // ================================================================== each check, in order

    @ParameterizedTest
    @EnumSource(DisputeAction.class)
    void aStepAllCheckedTakesPlace(DisputeAction action) {
        Row row = ROWS.get(action);
        fixture.given(row.allowedIn())
               .when(withVersion(row.command().apply(TODAY), row.allowedIn().size() - 1))
               .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest
    @EnumSource(DisputeAction.class)
    void theVersionIsCheckedFirst(DisputeAction action) {
        Row row = ROWS.get(action);
        List<Object> given = row.refusedIn() == null ? row.allowedIn() : history(row.refusedIn());
        fixture.given(given)
               .when(withVersion(row.command().apply(TOO_EARLY), given.size()))
               .expectException(StaleVersion.class)
               .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = DisputeAction.class, mode = EnumSource.Mode.EXCLUDE,
                names = {"RECORD_INCIDENT", "ERASE_PERSONAL_DATA"})
    void thenTheStatusBeforeTheDate(DisputeAction action) {
        Row row = ROWS.get(action);
        List<Object> given = history(row.refusedIn());
        fixture.given(given)
               .when(withVersion(row.command().apply(TOO_EARLY), given.size() - 1))
               .expectException(LifecycleViolation.class)
               .expectExceptionMessage("Cannot " + row.verb() + " a dispute that is " + row.refusedIn() + " ("
                                               + row.refusedIn().chinese() + ")")
               .expectException(DisputeLifecycleTest.lifecycleViolationIn(row.refusedIn()))
               .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = DisputeAction.class, mode = EnumSource.Mode.EXCLUDE, names = "ERASE_PERSONAL_DATA")
    void thenTheDate(DisputeAction action) {
        Row row = ROWS.get(action);
        fixture.given(row.allowedIn())
               .when(withVersion(row.command().apply(TOO_EARLY), row.allowedIn().size() - 1))
               .expectException(ruleViolationOn("date"))
               .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(DisputeStatus.class)
    void anIncidentIsRecordedInEveryStatus(DisputeStatus status) {
        fixture.given(history(status))
               .when(ROWS.get(DisputeAction.RECORD_INCIDENT).command().apply(TODAY))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void anErasureIsNotAStepOfTheCaseSoItsDateIsNotChecked() {
        fixture.given(history(CLOSED))
               .when(ROWS.get(DisputeAction.ERASE_PERSONAL_DATA).command().apply(TOO_EARLY))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new PersonalDataErasedEvent(ID, TOO_EARLY, "admin"));
    }

    @Test
    void theHandlersOwnRulesComeAfterTheDate() {
        fixture.given(history(RESOLVED))
               .when(new RecordFollowUpCommand(ID, 0, null, TOO_EARLY, MEDIATOR))
               .expectException(ruleViolationOn("date"))
               .expectNoEvents();
    }

    @Test
    void theSendersAreaIsCheckedBeforeTheVersion() {
        fixture.given(history(MEDIATING))
               .when(new GenericCommandMessage<>(ROWS.get(DisputeAction.RESOLVE).command().apply(TODAY),
                                                 MetaData.with(Dispute.ACTOR_SCOPE, OTHER_VILLAGE)
                                                         .and(Dispute.EXPECTED_VERSION, 0L)))
               .expectException(OutOfJurisdiction.class)
               .expectNoEvents();
    }

    // ================================================================== helpers

    private static GenericCommandMessage<DisputeStep> withVersion(DisputeStep command, long version) {
        return new GenericCommandMessage<>(command, MetaData.with(Dispute.EXPECTED_VERSION, version));
    }

    private static List<Object> concat(List<Object> history, Object... more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(Arrays.asList(more));
        return all;
    }
}
