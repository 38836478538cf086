package cn.mediation.command.dispute;

import cn.mediation.core.dispute.*;
import cn.mediation.core.region.RegionLevel;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static cn.mediation.command.dispute.DisputeSamples.*;
import static cn.mediation.core.dispute.DisputeStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

/**
 * The dispute's lifecycle, one behaviour per test: every transition the rules allow and every refusal they make.
 * Histories are given as events dated one day apart from the registration; the step under test is dated
 * {@link #TODAY}, after every history.
 */
class DisputeLifecycleTest {

    private static final LocalDate TODAY = day(10);
    private static final String MEDIATOR = "mediator-zhao";
    private static final List<String> MEDIATORS = List.of("M-001", "M-002");
    private static final String TOWN_COMMITTEE = "C511902101000";
    private static final String COUNTY_COMMITTEE = "C511902000000";
    private static final String CITY_COMMITTEE = "C511900000000";
    private static final String TERMS = "李四三日内疏通排水沟并赔偿张三丰损失人民币叁仟元";
    private static final BigDecimal AGREED = new BigDecimal("3000.00");

    private FixtureConfiguration<Dispute> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Dispute.class);
    }

    // ================================================================== registration

    @Test
    void registeringADisputeRecordsItAtTheVillage() {
        fixture.givenNoPriorActivity()
               .when(register())
               .expectSuccessfulHandlerExecution()
               .expectEvents(registered())
               .expectResultMessagePayload(new RegistrationResult(ID, CASE_NUMBER, REGISTERED, 0L, true))
               .expectState(dispute -> assertHandledAt(dispute, REGISTERED, RegionLevel.VILLAGE, VILLAGE, 0));
    }

    @Test
    void retriedRegistrationStoresNothing() {
        fixture.given(registered())
               .when(register())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(new RegistrationResult(ID, CASE_NUMBER, REGISTERED, 0L, false));
    }

    @Test
    void retriedRegistrationReturnsTheCurrentStateOfTheCase() {
        fixture.given(history(MEDIATING))
               .when(register())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(new RegistrationResult(ID, CASE_NUMBER, MEDIATING, 2L, false));
    }

    @Test
    void retriedRegistrationByAnotherActorWithoutACaseNumberIsTheSameRegistration() {
        RegisterDisputeCommand original = register();
        RegisterDisputeCommand retry = new RegisterDisputeCommand(
                ID, null, original.committeeId(), original.villageCode(), original.field(), original.source(),
                original.summary(), original.date(), original.occurredOn(), original.peopleInvolved(),
                original.amountInvolved(), original.parties(), "clerk-li");
        fixture.given(registered())
               .when(retry)
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(new RegistrationResult(ID, CASE_NUMBER, REGISTERED, 0L, false));
    }

    @Test
    void retriedRegistrationWithTheAmountWrittenWithoutDecimalsIsTheSameRegistration() {
        RegisterDisputeCommand original = register();
        RegisterDisputeCommand retry = new RegisterDisputeCommand(
                ID, CASE_NUMBER, original.committeeId(), original.villageCode(), original.field(), original.source(),
                original.summary(), original.date(), original.occurredOn(), original.peopleInvolved(),
                new BigDecimal("5000"), original.parties(), CLERK);
        fixture.given(registered())
               .when(retry)
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    static Stream<Arguments> registrationsWithOtherDetails() {
        RegisterDisputeCommand c = register();
        List<Party> oneParty = List.of(parties().get(0));
        return Stream.of(
                Arguments.of("village", new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), OTHER_VILLAGE,
                        c.field(), c.source(), c.summary(), c.date(), c.occurredOn(), c.peopleInvolved(),
                        c.amountInvolved(), c.parties(), CLERK)),
                Arguments.of("field", new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), c.villageCode(),
                        OTHER_FIELD, c.source(), c.summary(), c.date(), c.occurredOn(), c.peopleInvolved(),
                        c.amountInvolved(), c.parties(), CLERK)),
                Arguments.of("source", new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), c.villageCode(),
                        c.field(), DisputeSource.SWEEP, c.summary(), c.date(), c.occurredOn(), c.peopleInvolved(),
                        c.amountInvolved(), c.parties(), CLERK)),
                Arguments.of("summary", new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), c.villageCode(),
                        c.field(), c.source(), "另一起纠纷", c.date(), c.occurredOn(), c.peopleInvolved(),
                        c.amountInvolved(), c.parties(), CLERK)),
                Arguments.of("date", new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), c.villageCode(),
                        c.field(), c.source(), c.summary(), day(1), c.occurredOn(), c.peopleInvolved(),
                        c.amountInvolved(), c.parties(), CLERK)),
                Arguments.of("occurredOn", new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(),
                        c.villageCode(), c.field(), c.source(), c.summary(), c.date(), null, c.peopleInvolved(),
                        c.amountInvolved(), c.parties(), CLERK)),
                Arguments.of("peopleInvolved", new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(),
                        c.villageCode(), c.field(), c.source(), c.summary(), c.date(), c.occurredOn(), 4,
                        c.amountInvolved(), c.parties(), CLERK)),
                Arguments.of("amountInvolved", new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(),
                        c.villageCode(), c.field(), c.source(), c.summary(), c.date(), c.occurredOn(),
                        c.peopleInvolved(), new BigDecimal("5000.01"), c.parties(), CLERK)),
                Arguments.of("parties", new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), c.villageCode(),
                        c.field(), c.source(), c.summary(), c.date(), c.occurredOn(), c.peopleInvolved(),
                        c.amountInvolved(), oneParty, CLERK)));
    }

    @ParameterizedTest(name = "other {0}")
    @MethodSource("registrationsWithOtherDetails")
    void registrationWithSameIdAndOtherDetailsIsRefused(String detail, RegisterDisputeCommand other) {
        fixture.given(registered())
               .when(other)
               .expectException(RegistrationConflict.class)
               .expectNoEvents();
    }

    @Test
    void registrationWithoutPartiesIsRefused() {
        RegisterDisputeCommand c = register();
        fixture.givenNoPriorActivity()
               .when(new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), c.villageCode(), c.field(),
                                                c.source(), c.summary(), c.date(), c.occurredOn(),
                                                c.peopleInvolved(), c.amountInvolved(), List.of(), CLERK))
               .expectException(ruleViolationOn("parties"))
               .expectNoEvents();
    }

    @Test
    void registrationWithNoPartyListIsRefused() {
        RegisterDisputeCommand c = register();
        fixture.givenNoPriorActivity()
               .when(new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), c.villageCode(), c.field(),
                                                c.source(), c.summary(), c.date(), c.occurredOn(),
                                                c.peopleInvolved(), c.amountInvolved(), null, CLERK))
               .expectException(ruleViolationOn("parties"))
               .expectNoEvents();
    }

    @Test
    void registrationOfADisputeArisingAfterItsRegistrationDateIsRefused() {
        RegisterDisputeCommand c = register();
        fixture.givenNoPriorActivity()
               .when(new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), c.villageCode(), c.field(),
                                                c.source(), c.summary(), c.date(), c.date().plusDays(1),
                                                c.peopleInvolved(), c.amountInvolved(), c.parties(), CLERK))
               .expectException(ruleViolationOn("occurredOn"))
               .expectNoEvents();
    }

    @Test
    void registrationOfADisputeArisingOnTheDayItIsRegisteredIsAccepted() {
        RegisterDisputeCommand c = register();
        fixture.givenNoPriorActivity()
               .when(new RegisterDisputeCommand(ID, CASE_NUMBER, c.committeeId(), c.villageCode(), c.field(),
                                                c.source(), c.summary(), c.date(), c.date(), c.peopleInvolved(),
                                                null, c.parties(), CLERK))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new DisputeRegisteredEvent(ID, CASE_NUMBER, c.committeeId(), c.villageCode(),
                                                        c.field(), c.source(), c.summary(), c.date(), c.date(),
                                                        c.peopleInvolved(), null, c.parties(), CLERK));
    }

    // ================================================================== screening

    @Test
    void canAcceptAtScreening() {
        fixture.given(history(REGISTERED))
               .when(new ScreenDisputeCommand(ID, RiskGrade.SIGNIFICANT, ScreeningDecision.ACCEPT, null, true, false,
                                              TODAY, CLERK))
               .expectEvents(new DisputeScreenedEvent(ID, RiskGrade.SIGNIFICANT, ScreeningDecision.ACCEPT, null,
                                                      true, false, TODAY, CLERK))
               .expectResultMessagePayload(new CommandResult(ID, ACCEPTED, 1L))
               .expectState(dispute -> assertHandledAt(dispute, ACCEPTED, RegionLevel.VILLAGE, VILLAGE, 1));
    }

    @Test
    void canDeclineAtScreeningWithAReason() {
        fixture.given(history(REGISTERED))
               .when(screen(ScreeningDecision.DECLINE, "已向人民法院起诉", TODAY))
               .expectEvents(screened(ScreeningDecision.DECLINE, "已向人民法院起诉", TODAY))
               .expectResultMessagePayload(new CommandResult(ID, DECLINED, 1L));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void cannotDeclineWithoutAReason(String reason) {
        fixture.given(history(REGISTERED))
               .when(screen(ScreeningDecision.DECLINE, reason, TODAY))
               .expectException(ruleViolationOn("reason"))
               .expectNoEvents();
    }

    @Test
    void sendingUpAtScreeningEscalatesToTheTown() {
        fixture.given(history(REGISTERED))
               .when(screen(ScreeningDecision.SEND_UP, "涉及多户村民，村级难以化解", TODAY))
               .expectEvents(screened(ScreeningDecision.SEND_UP, "涉及多户村民，村级难以化解", TODAY),
                             new DisputeEscalatedEvent(ID, RegionLevel.VILLAGE, VILLAGE, EscalationTarget.TOWN, TOWN,
                                                       "涉及多户村民，村级难以化解", TODAY, CLERK))
               .expectResultMessagePayload(new CommandResult(ID, ESCALATED, 2L))
               .expectState(dispute -> assertHandledAt(dispute, ESCALATED, RegionLevel.VILLAGE, VILLAGE, 2));
    }

    @Test
    void sendingUpWithoutAReasonStillRecordsWhyItWentUp() {
        fixture.given(history(REGISTERED))
               .when(screen(ScreeningDecision.SEND_UP, null, TODAY))
               .expectEventsMatching(payloadsMatching(exactSequenceOf(
                       matches(payload -> payload.equals(screened(ScreeningDecision.SEND_UP, null, TODAY))),
                       matches(payload -> payload instanceof DisputeEscalatedEvent e
                               && e.to() == EscalationTarget.TOWN && TOWN.equals(e.toUnit())
                               && e.fromLevel() == RegionLevel.VILLAGE && VILLAGE.equals(e.fromUnit())
                               && e.reason() != null && !e.reason().isBlank()
                               && TODAY.equals(e.date()) && CLERK.equals(e.actor())),
                       andNoMore())))
               .expectResultMessagePayload(new CommandResult(ID, ESCALATED, 2L));
    }

    @Test
    void canReGradeAnAcceptedDispute() {
        fixture.given(history(ACCEPTED))
               .when(new ScreenDisputeCommand(ID, RiskGrade.MAJOR, ScreeningDecision.ACCEPT, "出现群体性苗头", true, true,
                                              TODAY, CLERK))
               .expectEvents(new DisputeScreenedEvent(ID, RiskGrade.MAJOR, ScreeningDecision.ACCEPT, "出现群体性苗头",
                                                      true, true, TODAY, CLERK))
               .expectResultMessagePayload(new CommandResult(ID, ACCEPTED, 2L));
    }

    @Test
    void cannotDeclineAnAcceptedDispute() {
        fixture.given(history(ACCEPTED))
               .when(screen(ScreeningDecision.DECLINE, "已向人民法院起诉", TODAY))
               .expectException(ruleViolationOn("decision"))
               .expectNoEvents();
    }

    @Test
    void cannotSendUpAnAcceptedDispute() {
        fixture.given(history(ACCEPTED))
               .when(screen(ScreeningDecision.SEND_UP, "村级难以化解", TODAY))
               .expectException(ruleViolationOn("decision"))
               .expectNoEvents();
    }

    @Test
    void cannotScreenADisputeUnderMediation() {
        fixture.given(history(MEDIATING))
               .when(screen(ScreeningDecision.ACCEPT, null, TODAY))
               .expectException(lifecycleViolationIn(MEDIATING))
               .expectNoEvents();
    }

    // ================================================================== mediation

    @Test
    void canStartMediationWithTheCommitteeOfTheHandlingUnit() {
        fixture.given(history(ACCEPTED))
               .when(startMediation(COMMITTEE_ID, VILLAGE, null, TODAY))
               .expectEvents(mediationStarted(COMMITTEE_ID, RegionLevel.VILLAGE, VILLAGE, TODAY))
               .expectResultMessagePayload(new CommandResult(ID, MEDIATING, 2L))
               .expectState(dispute -> assertHandledAt(dispute, MEDIATING, RegionLevel.VILLAGE, VILLAGE, 2));
    }

    @Test
    void canStartMediationWithAnIndustryCommitteeOfTheDisputesField() {
        fixture.given(history(ACCEPTED))
               .when(startMediation("C-NEIGHBOURS-511902", COUNTY, FIELD, TODAY))
               .expectEvents(mediationStarted("C-NEIGHBOURS-511902", RegionLevel.VILLAGE, VILLAGE, TODAY));
    }

    @Test
    void cannotStartMediationWithTheCommitteeOfAnotherVillage() {
        fixture.given(history(ACCEPTED))
               .when(startMediation("C" + OTHER_VILLAGE, OTHER_VILLAGE, null, TODAY))
               .expectException(ruleViolationOn("committeeId"))
               .expectNoEvents();
    }

    @Test
    void cannotStartMediationWithTheCommitteeOfTheTownBeforeTheTownAcceptedTheCase() {
        fixture.given(history(ACCEPTED))
               .when(startMediation(TOWN_COMMITTEE, TOWN, null, TODAY))
               .expectException(ruleViolationOn("committeeId"))
               .expectNoEvents();
    }

    @Test
    void cannotStartMediationWithAnIndustryCommitteeOfAnotherField() {
        fixture.given(history(ACCEPTED))
               .when(startMediation("C-LABOUR-511902", COUNTY, OTHER_FIELD, TODAY))
               .expectException(ruleViolationOn("committeeId"))
               .expectNoEvents();
    }

    @Test
    void cannotStartMediationWithAnIndustryCommitteeOfAnotherFieldSeatedInTheHandlingUnit() {
        fixture.given(history(ACCEPTED))
               .when(startMediation("C-LABOUR-" + VILLAGE, VILLAGE, OTHER_FIELD, TODAY))
               .expectException(ruleViolationOn("committeeId"))
               .expectNoEvents();
    }

    @Test
    void cannotStartMediationWithoutMediators() {
        fixture.given(history(ACCEPTED))
               .when(new StartMediationCommand(ID, COMMITTEE_ID, VILLAGE, null, List.of(), MediationChannel.PEOPLES,
                                               TODAY, MEDIATOR))
               .expectException(ruleViolationOn("mediatorIds"))
               .expectNoEvents();
    }

    @Test
    void cannotStartMediationWithoutAMediatorList() {
        fixture.given(history(ACCEPTED))
               .when(new StartMediationCommand(ID, COMMITTEE_ID, VILLAGE, null, null, MediationChannel.PEOPLES,
                                               TODAY, MEDIATOR))
               .expectException(ruleViolationOn("mediatorIds"))
               .expectNoEvents();
    }

    @Test
    void cannotStartMediationBeforeScreening() {
        fixture.given(history(REGISTERED))
               .when(startMediation(COMMITTEE_ID, VILLAGE, null, TODAY))
               .expectException(lifecycleViolationIn(REGISTERED))
               .expectNoEvents();
    }

    @Test
    void cannotStartMediationAgainWhileMediating() {
        fixture.given(history(MEDIATING))
               .when(startMediation(COMMITTEE_ID, VILLAGE, null, TODAY))
               .expectException(lifecycleViolationIn(MEDIATING))
               .expectNoEvents();
    }

    @Test
    void afterAnEscalationTheVillageCommitteeMayNoLongerMediate() {
        fixture.given(acceptedAtTown())
               .when(startMediation(COMMITTEE_ID, VILLAGE, null, TODAY))
               .expectException(ruleViolationOn("committeeId"))
               .expectNoEvents();
    }

    @Test
    void afterAnEscalationTheCommitteeOfTheNewUnitMediates() {
        fixture.given(acceptedAtTown())
               .when(startMediation(TOWN_COMMITTEE, TOWN, null, TODAY))
               .expectEvents(mediationStarted(TOWN_COMMITTEE, RegionLevel.TOWN, TOWN, TODAY))
               .expectState(dispute -> assertHandledAt(dispute, MEDIATING, RegionLevel.TOWN, TOWN, 4));
    }

    @Test
    void canRecordAMediationSession() {
        fixture.given(history(MEDIATING))
               .when(new RecordMediationSessionCommand(ID, List.of("张三丰", "李四", "村调解员赵"), "双方同意实地查看排水沟",
                                                       TODAY, MEDIATOR))
               .expectEvents(new MediationSessionRecordedEvent(ID, List.of("张三丰", "李四", "村调解员赵"),
                                                               "双方同意实地查看排水沟", TODAY, MEDIATOR))
               .expectResultMessagePayload(new CommandResult(ID, MEDIATING, 3L));
    }

    @Test
    void cannotRecordASessionBeforeMediationStarts() {
        fixture.given(history(ACCEPTED))
               .when(session(TODAY))
               .expectException(lifecycleViolationIn(ACCEPTED))
               .expectNoEvents();
    }

    // ================================================================== outcome of mediation

    @Test
    void canResolveWhileMediating() {
        fixture.given(history(MEDIATING))
               .when(resolve(AGREED, TODAY))
               .expectEvents(new DisputeResolvedEvent(ID, AgreementForm.WRITTEN, TERMS, AGREED, RegionLevel.VILLAGE,
                                                      VILLAGE, TODAY, MEDIATOR))
               .expectResultMessagePayload(new CommandResult(ID, RESOLVED, 3L))
               .expectState(dispute -> assertThat(dispute.status()).isEqualTo(RESOLVED));
    }

    @Test
    void canResolveWithoutAnAmount() {
        fixture.given(history(MEDIATING))
               .when(new ResolveDisputeCommand(ID, AgreementForm.ORAL, "双方互相谅解", null, TODAY, MEDIATOR))
               .expectEvents(new DisputeResolvedEvent(ID, AgreementForm.ORAL, "双方互相谅解", null, RegionLevel.VILLAGE,
                                                      VILLAGE, TODAY, MEDIATOR));
    }

    @Test
    void cannotResolveBeforeMediation() {
        fixture.given(history(ACCEPTED))
               .when(resolve(AGREED, TODAY))
               .expectException(lifecycleViolationIn(ACCEPTED))
               .expectNoEvents();
    }

    @Test
    void cannotResolveWithANegativeAmount() {
        fixture.given(history(MEDIATING))
               .when(resolve(new BigDecimal("-0.01"), TODAY))
               .expectException(ruleViolationOn("amount"))
               .expectNoEvents();
    }

    @Test
    void canRecordAFailedMediation() {
        fixture.given(history(MEDIATING))
               .when(new FailMediationCommand(ID, "双方分歧过大", TODAY, MEDIATOR))
               .expectEvents(new MediationFailedEvent(ID, "双方分歧过大", RegionLevel.VILLAGE, VILLAGE, TODAY, MEDIATOR))
               .expectResultMessagePayload(new CommandResult(ID, FAILED, 3L));
    }

    @Test
    void cannotRecordAFailureBeforeMediation() {
        fixture.given(history(ACCEPTED))
               .when(new FailMediationCommand(ID, "双方分歧过大", TODAY, MEDIATOR))
               .expectException(lifecycleViolationIn(ACCEPTED))
               .expectNoEvents();
    }

    @Test
    void cannotResolveAfterAFailure() {
        fixture.given(history(FAILED))
               .when(resolve(AGREED, TODAY))
               .expectException(lifecycleViolationIn(FAILED))
               .expectNoEvents();
    }

    // ================================================================== escalation

    @Test
    void canEscalateFromVillageToTown() {
        fixture.given(history(ACCEPTED))
               .when(escalate(EscalationTarget.TOWN, TODAY))
               .expectEvents(new DisputeEscalatedEvent(ID, RegionLevel.VILLAGE, VILLAGE, EscalationTarget.TOWN, TOWN,
                                                       "村级难以化解", TODAY, CLERK))
               .expectResultMessagePayload(new CommandResult(ID, ESCALATED, 2L))
               .expectState(dispute -> assertHandledAt(dispute, ESCALATED, RegionLevel.VILLAGE, VILLAGE, 2));
    }

    @Test
    void canEscalateFromTownToCounty() {
        fixture.given(acceptedAtTown())
               .when(escalate(EscalationTarget.COUNTY, TODAY))
               .expectEvents(new DisputeEscalatedEvent(ID, RegionLevel.TOWN, TOWN, EscalationTarget.COUNTY, COUNTY,
                                                       "村级难以化解", TODAY, CLERK));
    }

    @Test
    void canEscalateFromCountyToCity() {
        fixture.given(acceptedAtCounty())
               .when(escalate(EscalationTarget.CITY, TODAY))
               .expectEvents(new DisputeEscalatedEvent(ID, RegionLevel.COUNTY, COUNTY, EscalationTarget.CITY, CITY,
                                                       "村级难以化解", TODAY, CLERK));
    }

    @Test
    void canEscalateDuringMediation() {
        fixture.given(history(MEDIATING))
               .when(escalate(EscalationTarget.TOWN, TODAY))
               .expectEvents(new DisputeEscalatedEvent(ID, RegionLevel.VILLAGE, VILLAGE, EscalationTarget.TOWN, TOWN,
                                                       "村级难以化解", TODAY, CLERK))
               .expectState(dispute -> assertThat(dispute.status()).isEqualTo(ESCALATED));
    }

    @Test
    void canEscalateAfterAFailedMediation() {
        fixture.given(history(FAILED))
               .when(escalate(EscalationTarget.TOWN, TODAY))
               .expectEvents(new DisputeEscalatedEvent(ID, RegionLevel.VILLAGE, VILLAGE, EscalationTarget.TOWN, TOWN,
                                                       "村级难以化解", TODAY, CLERK))
               .expectState(dispute -> assertThat(dispute.status()).isEqualTo(ESCALATED));
    }

    @Test
    void cannotSkipALevelWhenEscalating() {
        fixture.given(history(ACCEPTED))
               .when(escalate(EscalationTarget.COUNTY, TODAY))
               .expectException(ruleViolationOn("to"))
               .expectNoEvents();
    }

    @Test
    void cannotEscalateFromTheVillageStraightToTheCity() {
        fixture.given(history(FAILED))
               .when(escalate(EscalationTarget.CITY, TODAY))
               .expectException(ruleViolationOn("to"))
               .expectNoEvents();
    }

    @Test
    void cannotSkipTheCountyWhenEscalatingFromTheTown() {
        fixture.given(acceptedAtTown())
               .when(escalate(EscalationTarget.CITY, TODAY))
               .expectException(ruleViolationOn("to"))
               .expectNoEvents();
    }

    @Test
    void cannotEscalateToTheLevelAlreadyHandlingTheCase() {
        fixture.given(acceptedAtTown())
               .when(escalate(EscalationTarget.TOWN, TODAY))
               .expectException(ruleViolationOn("to"))
               .expectNoEvents();
    }

    @Test
    void cannotEscalateDownALevel() {
        fixture.given(acceptedAtCounty())
               .when(escalate(EscalationTarget.TOWN, TODAY))
               .expectException(ruleViolationOn("to"))
               .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = EscalationTarget.class, names = {"TOWN", "COUNTY", "CITY"})
    void cannotEscalateAboveTheCity(EscalationTarget target) {
        fixture.given(acceptedAtCity())
               .when(escalate(target, TODAY))
               .expectException(ruleViolationOn("to"))
               .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(value = EscalationTarget.class,
                names = {"ADMINISTRATIVE_RULING", "ARBITRATION", "LITIGATION", "PETITION", "PUBLIC_SECURITY"})
    void canTransferToAnotherChannel(EscalationTarget channel) {
        fixture.given(history(ACCEPTED))
               .when(escalate(channel, TODAY))
               .expectEvents(new DisputeEscalatedEvent(ID, RegionLevel.VILLAGE, VILLAGE, channel, null,
                                                       "村级难以化解", TODAY, CLERK))
               .expectResultMessagePayload(new CommandResult(ID, TRANSFERRED, 2L))
               .expectState(dispute -> assertHandledAt(dispute, TRANSFERRED, RegionLevel.VILLAGE, VILLAGE, 2));
    }

    @Test
    void canTransferFromTheCity() {
        fixture.given(acceptedAtCity())
               .when(escalate(EscalationTarget.LITIGATION, TODAY))
               .expectEvents(new DisputeEscalatedEvent(ID, RegionLevel.CITY, CITY, EscalationTarget.LITIGATION, null,
                                                       "村级难以化解", TODAY, CLERK))
               .expectState(dispute -> assertThat(dispute.status()).isEqualTo(TRANSFERRED));
    }

    @Test
    void cannotEscalateARegisteredDispute() {
        fixture.given(history(REGISTERED))
               .when(escalate(EscalationTarget.TOWN, TODAY))
               .expectException(lifecycleViolationIn(REGISTERED))
               .expectNoEvents();
    }

    @Test
    void cannotEscalateAResolvedDispute() {
        fixture.given(history(RESOLVED))
               .when(escalate(EscalationTarget.TOWN, TODAY))
               .expectException(lifecycleViolationIn(RESOLVED))
               .expectNoEvents();
    }

    @Test
    void canAcceptAnEscalationAtTheTown() {
        fixture.given(history(ESCALATED))
               .when(new AcceptEscalationCommand(ID, TODAY, "town-clerk"))
               .expectEvents(new EscalationAcceptedEvent(ID, RegionLevel.TOWN, TOWN, TODAY, "town-clerk"))
               .expectResultMessagePayload(new CommandResult(ID, ACCEPTED, 3L))
               .expectState(dispute -> assertHandledAt(dispute, ACCEPTED, RegionLevel.TOWN, TOWN, 3));
    }

    @Test
    void acceptingAnEscalationAtTheCountyHandsTheCaseToTheCounty() {
        fixture.given(escalatedTo(EscalationTarget.COUNTY))
               .when(new AcceptEscalationCommand(ID, TODAY, "county-clerk"))
               .expectEvents(new EscalationAcceptedEvent(ID, RegionLevel.COUNTY, COUNTY, TODAY, "county-clerk"))
               .expectState(dispute -> assertHandledAt(dispute, ACCEPTED, RegionLevel.COUNTY, COUNTY, 5));
    }

    @Test
    void acceptingAnEscalationAtTheCityHandsTheCaseToTheCity() {
        fixture.given(escalatedTo(EscalationTarget.CITY))
               .when(new AcceptEscalationCommand(ID, TODAY, "city-clerk"))
               .expectEvents(new EscalationAcceptedEvent(ID, RegionLevel.CITY, CITY, TODAY, "city-clerk"))
               .expectState(dispute -> assertHandledAt(dispute, ACCEPTED, RegionLevel.CITY, CITY, 7));
    }

    @Test
    void cannotAcceptAnEscalationThatWasNotMade() {
        fixture.given(history(ACCEPTED))
               .when(new AcceptEscalationCommand(ID, TODAY, "town-clerk"))
               .expectException(lifecycleViolationIn(ACCEPTED))
               .expectNoEvents();
    }

    @Test
    void cannotAcceptATransferredDispute() {
        fixture.given(history(TRANSFERRED))
               .when(new AcceptEscalationCommand(ID, TODAY, "town-clerk"))
               .expectException(lifecycleViolationIn(TRANSFERRED))
               .expectNoEvents();
    }

    @Test
    void cannotMediateAnEscalatedDisputeBeforeItIsAccepted() {
        fixture.given(history(ESCALATED))
               .when(startMediation(TOWN_COMMITTEE, TOWN, null, TODAY))
               .expectException(lifecycleViolationIn(ESCALATED))
               .expectNoEvents();
    }

    // ================================================================== withdrawal

    @ParameterizedTest
    @EnumSource(value = DisputeStatus.class, names = {"REGISTERED", "ACCEPTED", "MEDIATING", "ESCALATED", "FAILED"})
    void canWithdraw(DisputeStatus from) {
        List<Object> given = history(from);
        fixture.given(given)
               .when(new WithdrawDisputeCommand(ID, "申请人主动撤回", TODAY, CLERK))
               .expectEvents(new DisputeWithdrawnEvent(ID, "申请人主动撤回", TODAY, CLERK))
               .expectResultMessagePayload(new CommandResult(ID, WITHDRAWN, given.size()));
    }

    @Test
    void cannotWithdrawAResolvedDispute() {
        fixture.given(history(RESOLVED))
               .when(new WithdrawDisputeCommand(ID, "申请人主动撤回", TODAY, CLERK))
               .expectException(lifecycleViolationIn(RESOLVED))
               .expectNoEvents();
    }

    @Test
    void cannotWithdrawTwice() {
        fixture.given(history(WITHDRAWN))
               .when(new WithdrawDisputeCommand(ID, "申请人主动撤回", TODAY, CLERK))
               .expectException(lifecycleViolationIn(WITHDRAWN))
               .expectNoEvents();
    }

    // ================================================================== after a resolution

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void canRecordFulfilmentOfAResolvedDispute(boolean fulfilled) {
        fixture.given(history(RESOLVED))
               .when(new RecordFulfilmentCommand(ID, fulfilled, TODAY, MEDIATOR))
               .expectEvents(new FulfilmentRecordedEvent(ID, fulfilled, TODAY, MEDIATOR))
               .expectResultMessagePayload(new CommandResult(ID, RESOLVED, 4L));
    }

    @Test
    void cannotRecordFulfilmentBeforeAResolution() {
        fixture.given(history(MEDIATING))
               .when(new RecordFulfilmentCommand(ID, true, TODAY, MEDIATOR))
               .expectException(lifecycleViolationIn(MEDIATING))
               .expectNoEvents();
    }

    @Test
    void canRecordJudicialConfirmationOfAResolvedDispute() {
        fixture.given(history(RESOLVED))
               .when(new RecordJudicialConfirmationCommand(ID, "巴中市巴州区人民法院", TODAY, CLERK))
               .expectEvents(new JudicialConfirmationRecordedEvent(ID, "巴中市巴州区人民法院", TODAY, CLERK))
               .expectResultMessagePayload(new CommandResult(ID, RESOLVED, 4L));
    }

    @Test
    void cannotRecordJudicialConfirmationOfAFailedMediation() {
        fixture.given(history(FAILED))
               .when(new RecordJudicialConfirmationCommand(ID, "巴中市巴州区人民法院", TODAY, CLERK))
               .expectException(lifecycleViolationIn(FAILED))
               .expectNoEvents();
    }

    @Test
    void canRecordAFollowUpOnAResolvedDispute() {
        fixture.given(history(RESOLVED))
               .when(followUp(4, TODAY))
               .expectEvents(new FollowUpRecordedEvent(ID, 4, "双方满意", TODAY, MEDIATOR))
               .expectResultMessagePayload(new CommandResult(ID, RESOLVED, 4L));
    }

    @Test
    void canRecordAFollowUpOnADisputeClosedAfterItsResolution() {
        fixture.given(concat(history(RESOLVED), new DisputeClosedEvent(ID, "协议已履行", day(4), CLERK)))
               .when(followUp(5, TODAY))
               .expectEvents(new FollowUpRecordedEvent(ID, 5, "双方满意", TODAY, MEDIATOR))
               .expectResultMessagePayload(new CommandResult(ID, CLOSED, 5L));
    }

    @ParameterizedTest
    @EnumSource(value = DisputeStatus.class, names = {"DECLINED", "FAILED", "TRANSFERRED", "WITHDRAWN"})
    void cannotRecordAFollowUpOnADisputeClosedWithoutAResolution(DisputeStatus before) {
        fixture.given(concat(history(before), new DisputeClosedEvent(ID, "结案", day(5), CLERK)))
               .when(followUp(3, TODAY))
               .expectException(lifecycleViolationIn(CLOSED))
               .expectNoEvents();
    }

    @Test
    void cannotRecordAFollowUpBeforeAResolution() {
        fixture.given(history(MEDIATING))
               .when(followUp(3, TODAY))
               .expectException(lifecycleViolationIn(MEDIATING))
               .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 6, 10})
    void followUpSatisfactionMustBeFromOneToFive(int satisfaction) {
        fixture.given(history(RESOLVED))
               .when(followUp(satisfaction, TODAY))
               .expectException(ruleViolationOn("satisfaction"))
               .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void followUpSatisfactionBoundsAreAccepted(int satisfaction) {
        fixture.given(history(RESOLVED))
               .when(followUp(satisfaction, TODAY))
               .expectEvents(new FollowUpRecordedEvent(ID, satisfaction, "双方满意", TODAY, MEDIATOR));
    }

    @Test
    void canReopenWhenTheAgreementWasNotFulfilled() {
        fixture.given(concat(history(RESOLVED), fulfilment(false, day(4))))
               .when(new ReopenDisputeCommand(ID, "李四未按期疏通排水沟", TODAY, MEDIATOR))
               .expectEvents(new DisputeReopenedEvent(ID, "李四未按期疏通排水沟", TODAY, MEDIATOR))
               .expectResultMessagePayload(new CommandResult(ID, MEDIATING, 5L))
               .expectState(dispute -> assertHandledAt(dispute, MEDIATING, RegionLevel.VILLAGE, VILLAGE, 5));
    }

    @Test
    void cannotReopenWithoutAFulfilmentRecord() {
        fixture.given(history(RESOLVED))
               .when(new ReopenDisputeCommand(ID, "李四未按期疏通排水沟", TODAY, MEDIATOR))
               .expectException(ruleViolationOn("reason"))
               .expectNoEvents();
    }

    @Test
    void cannotReopenWhenTheAgreementWasFulfilled() {
        fixture.given(concat(history(RESOLVED), fulfilment(true, day(4))))
               .when(new ReopenDisputeCommand(ID, "李四未按期疏通排水沟", TODAY, MEDIATOR))
               .expectException(ruleViolationOn("reason"))
               .expectNoEvents();
    }

    @Test
    void cannotReopenWhenTheLatestFulfilmentRecordSaysFulfilled() {
        fixture.given(concat(history(RESOLVED), fulfilment(false, day(4)), fulfilment(true, day(5))))
               .when(new ReopenDisputeCommand(ID, "李四未按期疏通排水沟", TODAY, MEDIATOR))
               .expectException(ruleViolationOn("reason"))
               .expectNoEvents();
    }

    @Test
    void aReopenedDisputeCanBeResolvedAgain() {
        fixture.given(concat(history(RESOLVED), fulfilment(false, day(4)),
                             new DisputeReopenedEvent(ID, "未履行", day(5), MEDIATOR)))
               .when(resolve(AGREED, TODAY))
               .expectEvents(new DisputeResolvedEvent(ID, AgreementForm.WRITTEN, TERMS, AGREED, RegionLevel.VILLAGE,
                                                      VILLAGE, TODAY, MEDIATOR))
               .expectResultMessagePayload(new CommandResult(ID, RESOLVED, 6L));
    }

    @Test
    void aNewResolutionNeedsItsOwnNonFulfilmentBeforeReopening() {
        fixture.given(concat(history(RESOLVED), fulfilment(false, day(4)),
                             new DisputeReopenedEvent(ID, "未履行", day(5), MEDIATOR),
                             new DisputeResolvedEvent(ID, AgreementForm.WRITTEN, TERMS, AGREED, RegionLevel.VILLAGE,
                                                      VILLAGE, day(6), MEDIATOR)))
               .when(new ReopenDisputeCommand(ID, "又未履行", TODAY, MEDIATOR))
               .expectException(ruleViolationOn("reason"))
               .expectNoEvents();
    }

    @Test
    void cannotReopenAClosedDispute() {
        fixture.given(concat(history(RESOLVED), fulfilment(false, day(4)),
                             new DisputeClosedEvent(ID, "结案", day(5), CLERK)))
               .when(new ReopenDisputeCommand(ID, "李四未按期疏通排水沟", TODAY, MEDIATOR))
               .expectException(lifecycleViolationIn(CLOSED))
               .expectNoEvents();
    }

    // ================================================================== closing

    @ParameterizedTest
    @EnumSource(value = DisputeStatus.class, names = {"RESOLVED", "FAILED", "DECLINED", "TRANSFERRED", "WITHDRAWN"})
    void canClose(DisputeStatus from) {
        List<Object> given = history(from);
        fixture.given(given)
               .when(new CloseDisputeCommand(ID, "结案归档", TODAY, CLERK))
               .expectEvents(new DisputeClosedEvent(ID, "结案归档", TODAY, CLERK))
               .expectResultMessagePayload(new CommandResult(ID, CLOSED, given.size()));
    }

    @Test
    void cannotCloseADisputeStillBeingMediated() {
        fixture.given(history(MEDIATING))
               .when(new CloseDisputeCommand(ID, "结案归档", TODAY, CLERK))
               .expectException(lifecycleViolationIn(MEDIATING))
               .expectNoEvents();
    }

    @Test
    void cannotCloseTwice() {
        fixture.given(history(CLOSED))
               .when(new CloseDisputeCommand(ID, "结案归档", TODAY, CLERK))
               .expectException(lifecycleViolationIn(CLOSED))
               .expectNoEvents();
    }

    // ================================================================== incidents

    @ParameterizedTest
    @EnumSource(DisputeStatus.class)
    void canRecordAnIncidentInEveryStatus(DisputeStatus status) {
        List<Object> given = history(status);
        fixture.given(given)
               .when(new RecordIncidentCommand(ID, IncidentKind.GROUP_INCIDENT, "二十余名村民聚集", TODAY, CLERK))
               .expectEvents(new IncidentRecordedEvent(ID, IncidentKind.GROUP_INCIDENT, "二十余名村民聚集", TODAY, CLERK))
               .expectResultMessagePayload(new CommandResult(ID, status, given.size()))
               .expectState(dispute -> assertThat(dispute.status()).isEqualTo(status));
    }

    // ================================================================== versions and dates

    @Test
    void staleExpectedVersionIsRefused() {
        fixture.given(history(MEDIATING))
               .when(new GenericCommandMessage<>(resolve(AGREED, TODAY), MetaData.with(Dispute.EXPECTED_VERSION, 1L)))
               .expectException(StaleVersion.class)
               .expectNoEvents();
    }

    @Test
    void expectedVersionAheadOfTheCaseIsRefused() {
        fixture.given(history(MEDIATING))
               .when(new GenericCommandMessage<>(resolve(AGREED, TODAY), MetaData.with(Dispute.EXPECTED_VERSION, 3L)))
               .expectException(StaleVersion.class)
               .expectNoEvents();
    }

    @Test
    void currentExpectedVersionIsAccepted() {
        fixture.given(history(MEDIATING))
               .when(new GenericCommandMessage<>(resolve(AGREED, TODAY), MetaData.with(Dispute.EXPECTED_VERSION, 2L)))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(new CommandResult(ID, RESOLVED, 3L));
    }

    @Test
    void bothEventsOfASendUpCountTowardsTheVersion() {
        fixture.given(registered(), screened(ScreeningDecision.SEND_UP, "村级难以化解", day(1)),
                      new DisputeEscalatedEvent(ID, RegionLevel.VILLAGE, VILLAGE, EscalationTarget.TOWN, TOWN,
                                                "村级难以化解", day(1), CLERK))
               .when(new GenericCommandMessage<>(new AcceptEscalationCommand(ID, TODAY, "town-clerk"),
                                                 MetaData.with(Dispute.EXPECTED_VERSION, 2L)))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(new CommandResult(ID, ACCEPTED, 3L));
    }

    @Test
    void staleVersionIsRefusedBeforeTheLifecycleIsChecked() {
        fixture.given(history(CLOSED))
               .when(new GenericCommandMessage<>(resolve(AGREED, TODAY), MetaData.with(Dispute.EXPECTED_VERSION, 0L)))
               .expectException(StaleVersion.class)
               .expectNoEvents();
    }

    @Test
    void cannotDateAStepBeforeTheCasesLatestDate() {
        fixture.given(history(MEDIATING))
               .when(resolve(AGREED, day(1)))
               .expectException(ruleViolationOn("date"))
               .expectNoEvents();
    }

    @Test
    void aStepOnTheCasesLatestDateIsAccepted() {
        fixture.given(history(MEDIATING))
               .when(resolve(AGREED, day(2)))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new DisputeResolvedEvent(ID, AgreementForm.WRITTEN, TERMS, AGREED, RegionLevel.VILLAGE,
                                                      VILLAGE, day(2), MEDIATOR));
    }

    @Test
    void anIncidentMovesTheCasesLatestDate() {
        fixture.given(concat(history(MEDIATING),
                             new IncidentRecordedEvent(ID, IncidentKind.CIVIL_TO_CRIMINAL, "发生肢体冲突", day(8), CLERK)))
               .when(resolve(AGREED, day(7)))
               .expectException(ruleViolationOn("date"))
               .expectNoEvents();
    }

    @Test
    void anIncidentCannotBeDatedBeforeTheCasesLatestDate() {
        fixture.given(history(MEDIATING))
               .when(new RecordIncidentCommand(ID, IncidentKind.GROUP_INCIDENT, "补录", day(1), CLERK))
               .expectException(ruleViolationOn("date"))
               .expectNoEvents();
    }

    @Test
    void lifecycleRefusalNamesTheCurrentStatus() {
        fixture.given(history(RESOLVED))
               .when(startMediation(COMMITTEE_ID, VILLAGE, null, TODAY))
               .expectException(lifecycleViolationIn(RESOLVED))
               .expectExceptionMessage(matches((String message) -> message.contains("RESOLVED")
                       && message.contains(RESOLVED.chinese())));
    }

    // ================================================================== every step against every status

    /** The steps of the lifecycle with the statuses this test expects each to be allowed in. */
    enum Step {
        SCREEN(EnumSet.of(REGISTERED, ACCEPTED)) {
            Object command(LocalDate date) {
                return screen(ScreeningDecision.ACCEPT, null, date);
            }

            DisputeStatus after(DisputeStatus before) {
                return ACCEPTED;
            }
        },
        START_MEDIATION(EnumSet.of(ACCEPTED)) {
            Object command(LocalDate date) {
                return startMediation(COMMITTEE_ID, VILLAGE, null, date);
            }

            DisputeStatus after(DisputeStatus before) {
                return MEDIATING;
            }
        },
        RECORD_SESSION(EnumSet.of(MEDIATING)) {
            Object command(LocalDate date) {
                return session(date);
            }
        },
        RESOLVE(EnumSet.of(MEDIATING)) {
            Object command(LocalDate date) {
                return resolve(AGREED, date);
            }

            DisputeStatus after(DisputeStatus before) {
                return RESOLVED;
            }
        },
        FAIL(EnumSet.of(MEDIATING)) {
            Object command(LocalDate date) {
                return new FailMediationCommand(ID, "双方分歧过大", date, MEDIATOR);
            }

            DisputeStatus after(DisputeStatus before) {
                return FAILED;
            }
        },
        ESCALATE(EnumSet.of(ACCEPTED, MEDIATING, FAILED)) {
            Object command(LocalDate date) {
                return escalate(EscalationTarget.TOWN, date);
            }

            DisputeStatus after(DisputeStatus before) {
                return ESCALATED;
            }
        },
        ACCEPT_ESCALATION(EnumSet.of(ESCALATED)) {
            Object command(LocalDate date) {
                return new AcceptEscalationCommand(ID, date, "town-clerk");
            }

            DisputeStatus after(DisputeStatus before) {
                return ACCEPTED;
            }
        },
        WITHDRAW(EnumSet.of(REGISTERED, ACCEPTED, MEDIATING, ESCALATED, FAILED)) {
            Object command(LocalDate date) {
                return new WithdrawDisputeCommand(ID, "申请人主动撤回", date, CLERK);
            }

            DisputeStatus after(DisputeStatus before) {
                return WITHDRAWN;
            }
        },
        RECORD_FULFILMENT(EnumSet.of(RESOLVED)) {
            Object command(LocalDate date) {
                return new RecordFulfilmentCommand(ID, true, date, MEDIATOR);
            }
        },
        RECORD_JUDICIAL_CONFIRMATION(EnumSet.of(RESOLVED)) {
            Object command(LocalDate date) {
                return new RecordJudicialConfirmationCommand(ID, "巴中市巴州区人民法院", date, CLERK);
            }
        },
        RECORD_FOLLOW_UP(EnumSet.of(RESOLVED)) {
            Object command(LocalDate date) {
                return followUp(4, date);
            }
        },
        REOPEN(EnumSet.of(RESOLVED)) {
            Object command(LocalDate date) {
                return new ReopenDisputeCommand(ID, "未履行", date, MEDIATOR);
            }

            List<Object> prerequisites() {
                return List.of(fulfilment(false, day(6)));
            }

            DisputeStatus after(DisputeStatus before) {
                return MEDIATING;
            }
        },
        CLOSE(EnumSet.of(RESOLVED, FAILED, DECLINED, TRANSFERRED, WITHDRAWN)) {
            Object command(LocalDate date) {
                return new CloseDisputeCommand(ID, "结案归档", date, CLERK);
            }

            DisputeStatus after(DisputeStatus before) {
                return CLOSED;
            }
        },
        RECORD_INCIDENT(EnumSet.allOf(DisputeStatus.class)) {
            Object command(LocalDate date) {
                return new RecordIncidentCommand(ID, IncidentKind.CIVIL_TO_CRIMINAL, "发生肢体冲突", date, CLERK);
            }
        };

        final Set<DisputeStatus> allowedIn;

        Step(Set<DisputeStatus> allowedIn) {
            this.allowedIn = allowedIn;
        }

        abstract Object command(LocalDate date);

        /** Events the step needs besides the status (e.g. a non-fulfilment before a reopening). */
        List<Object> prerequisites() {
            return List.of();
        }

        DisputeStatus after(DisputeStatus before) {
            return before;
        }
    }

    static Stream<Arguments> allowedSteps() {
        return Arrays.stream(Step.values())
                     .flatMap(step -> step.allowedIn.stream().map(status -> Arguments.of(step, status)));
    }

    static Stream<Arguments> forbiddenSteps() {
        return Arrays.stream(Step.values())
                     .flatMap(step -> EnumSet.complementOf(EnumSet.copyOf(step.allowedIn)).stream()
                                             .map(status -> Arguments.of(step, status)));
    }

    @ParameterizedTest(name = "{0} when {1}")
    @MethodSource("allowedSteps")
    void everyStepIsAcceptedInTheStatusesThatAllowIt(Step step, DisputeStatus status) {
        List<Object> given = concat(history(status), step.prerequisites().toArray());
        fixture.given(given)
               .when(step.command(TODAY))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(new CommandResult(ID, step.after(status), given.size()))
               .expectState(dispute -> assertThat(dispute.status()).isEqualTo(step.after(status)));
    }

    @ParameterizedTest(name = "{0} when {1}")
    @MethodSource("forbiddenSteps")
    void everyStepIsRefusedInTheStatusesThatDoNotAllowIt(Step step, DisputeStatus status) {
        fixture.given(history(status))
               .when(step.command(TODAY))
               .expectException(lifecycleViolationIn(status))
               .expectNoEvents();
    }

    @ParameterizedTest(name = "{0} when {1}")
    @MethodSource("allowedSteps")
    void everyStepDatedBeforeTheCasesLatestDateIsRefused(Step step, DisputeStatus status) {
        fixture.given(concat(history(status), step.prerequisites().toArray()))
               .when(step.command(REGISTERED_ON.minusDays(1)))
               .expectException(ruleViolationOn("date"))
               .expectNoEvents();
    }

    // ================================================================== a whole life

    @Test
    void fullLifeFromTheVillageThroughTheTownToAResolutionAtTheCounty() {
        fixture.givenCommands(
                       register(),
                       screen(ScreeningDecision.ACCEPT, null, day(1)),
                       startMediation(COMMITTEE_ID, VILLAGE, null, day(2)),
                       new FailMediationCommand(ID, "双方分歧过大", day(3), MEDIATOR),
                       escalate(EscalationTarget.TOWN, day(4)),
                       new AcceptEscalationCommand(ID, day(5), "town-clerk"),
                       startMediation(TOWN_COMMITTEE, TOWN, null, day(6)),
                       session(day(7)),
                       new FailMediationCommand(ID, "仍未达成一致", day(8), MEDIATOR),
                       escalate(EscalationTarget.COUNTY, day(9)),
                       new AcceptEscalationCommand(ID, day(10), "county-clerk"),
                       startMediation(COUNTY_COMMITTEE, COUNTY, null, day(11)),
                       session(day(12)))
               .when(resolve(AGREED, day(13)))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new DisputeResolvedEvent(ID, AgreementForm.WRITTEN, TERMS, AGREED, RegionLevel.COUNTY,
                                                      COUNTY, day(13), MEDIATOR))
               .expectResultMessagePayload(new CommandResult(ID, RESOLVED, 13L))
               .expectState(dispute -> assertHandledAt(dispute, RESOLVED, RegionLevel.COUNTY, COUNTY, 13));
    }

    @Test
    void fullLifeRecordsEachHandOverWithTheUnitOfTheLevel() {
        fixture.givenCommands(
                       register(),
                       screen(ScreeningDecision.SEND_UP, "村级难以化解", day(1)),
                       new AcceptEscalationCommand(ID, day(2), "town-clerk"),
                       startMediation(TOWN_COMMITTEE, TOWN, null, day(3)),
                       new FailMediationCommand(ID, "双方分歧过大", day(4), MEDIATOR))
               .when(escalate(EscalationTarget.COUNTY, day(5)))
               .expectEvents(new DisputeEscalatedEvent(ID, RegionLevel.TOWN, TOWN, EscalationTarget.COUNTY, COUNTY,
                                                       "村级难以化解", day(5), CLERK))
               .expectState(dispute -> assertHandledAt(dispute, ESCALATED, RegionLevel.TOWN, TOWN, 6));
    }

    @Test
    void fullLifeEndsClosedWithAFollowUpAtTheCounty() {
        fixture.given(concat(acceptedAtCounty(),
                             mediationStarted(COUNTY_COMMITTEE, RegionLevel.COUNTY, COUNTY, day(6)),
                             new DisputeResolvedEvent(ID, AgreementForm.WRITTEN, TERMS, AGREED, RegionLevel.COUNTY,
                                                      COUNTY, day(7), MEDIATOR),
                             fulfilment(true, day(8)),
                             new DisputeClosedEvent(ID, "协议已履行", day(9), CLERK)))
               .when(followUp(5, TODAY))
               .expectEvents(new FollowUpRecordedEvent(ID, 5, "双方满意", TODAY, MEDIATOR))
               .expectState(dispute -> assertHandledAt(dispute, CLOSED, RegionLevel.COUNTY, COUNTY, 10));
    }

    // ================================================================== histories

    /** Events that bring the sample dispute, at the village, into the given status; one day apart. */
    static List<Object> history(DisputeStatus status) {
        return switch (status) {
            case REGISTERED -> List.of(registered());
            case ACCEPTED -> List.of(registered(), screened(ScreeningDecision.ACCEPT, null, day(1)));
            case DECLINED -> List.of(registered(), screened(ScreeningDecision.DECLINE, "已向人民法院起诉", day(1)));
            case MEDIATING -> concat(history(ACCEPTED), mediationStarted(COMMITTEE_ID, RegionLevel.VILLAGE, VILLAGE,
                                                                         day(2)));
            case RESOLVED -> concat(history(MEDIATING),
                                    new DisputeResolvedEvent(ID, AgreementForm.WRITTEN, TERMS, AGREED,
                                                             RegionLevel.VILLAGE, VILLAGE, day(3), MEDIATOR));
            case FAILED -> concat(history(MEDIATING),
                                  new MediationFailedEvent(ID, "双方分歧过大", RegionLevel.VILLAGE, VILLAGE, day(3),
                                                           MEDIATOR));
            case ESCALATED -> concat(history(ACCEPTED),
                                     new DisputeEscalatedEvent(ID, RegionLevel.VILLAGE, VILLAGE, EscalationTarget.TOWN,
                                                               TOWN, "村级难以化解", day(2), CLERK));
            case TRANSFERRED -> concat(history(ACCEPTED),
                                       new DisputeEscalatedEvent(ID, RegionLevel.VILLAGE, VILLAGE,
                                                                 EscalationTarget.LITIGATION, null, "已起诉", day(2),
                                                                 CLERK));
            case WITHDRAWN -> List.of(registered(), new DisputeWithdrawnEvent(ID, "申请人撤回", day(1), CLERK));
            case CLOSED -> concat(history(DECLINED), new DisputeClosedEvent(ID, "不予受理结案", day(2), CLERK));
        };
    }

    private static List<Object> acceptedAtTown() {
        return concat(history(ESCALATED), new EscalationAcceptedEvent(ID, RegionLevel.TOWN, TOWN, day(3), "town-clerk"));
    }

    private static List<Object> acceptedAtCounty() {
        return concat(escalatedTo(EscalationTarget.COUNTY),
                      new EscalationAcceptedEvent(ID, RegionLevel.COUNTY, COUNTY, day(5), "county-clerk"));
    }

    private static List<Object> acceptedAtCity() {
        return concat(escalatedTo(EscalationTarget.CITY),
                      new EscalationAcceptedEvent(ID, RegionLevel.CITY, CITY, day(7), "city-clerk"));
    }

    private static List<Object> escalatedTo(EscalationTarget target) {
        return switch (target) {
            case COUNTY -> concat(acceptedAtTown(),
                                  new DisputeEscalatedEvent(ID, RegionLevel.TOWN, TOWN, EscalationTarget.COUNTY,
                                                            COUNTY, "镇级难以化解", day(4), CLERK));
            case CITY -> concat(acceptedAtCounty(),
                                new DisputeEscalatedEvent(ID, RegionLevel.COUNTY, COUNTY, EscalationTarget.CITY,
                                                          CITY, "区级难以化解", day(6), CLERK));
            default -> throw new IllegalArgumentException(target.name());
        };
    }

    private static List<Object> concat(List<Object> history, Object... more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(Arrays.asList(more));
        return all;
    }

    // ================================================================== commands and events

    private static ScreenDisputeCommand screen(ScreeningDecision decision, String reason, LocalDate date) {
        return new ScreenDisputeCommand(ID, RiskGrade.ORDINARY, decision, reason, false, false, date, CLERK);
    }

    private static DisputeScreenedEvent screened(ScreeningDecision decision, String reason, LocalDate date) {
        return new DisputeScreenedEvent(ID, RiskGrade.ORDINARY, decision, reason, false, false, date, CLERK);
    }

    private static StartMediationCommand startMediation(String committeeId, String regionCode, String field,
                                                        LocalDate date) {
        return new StartMediationCommand(ID, committeeId, regionCode, field, MEDIATORS, MediationChannel.PEOPLES,
                                         date, MEDIATOR);
    }

    private static MediationStartedEvent mediationStarted(String committeeId, RegionLevel level, String unit,
                                                          LocalDate date) {
        return new MediationStartedEvent(ID, committeeId, MEDIATORS, MediationChannel.PEOPLES, level, unit, date,
                                         MEDIATOR);
    }

    private static RecordMediationSessionCommand session(LocalDate date) {
        return new RecordMediationSessionCommand(ID, List.of("张三丰", "李四"), "第一次调解", date, MEDIATOR);
    }

    private static ResolveDisputeCommand resolve(BigDecimal amount, LocalDate date) {
        return new ResolveDisputeCommand(ID, AgreementForm.WRITTEN, TERMS, amount, date, MEDIATOR);
    }

    private static EscalateDisputeCommand escalate(EscalationTarget target, LocalDate date) {
        return new EscalateDisputeCommand(ID, target, "村级难以化解", date, CLERK);
    }

    private static RecordFollowUpCommand followUp(int satisfaction, LocalDate date) {
        return new RecordFollowUpCommand(ID, satisfaction, "双方满意", date, MEDIATOR);
    }

    private static FulfilmentRecordedEvent fulfilment(boolean fulfilled, LocalDate date) {
        return new FulfilmentRecordedEvent(ID, fulfilled, date, MEDIATOR);
    }

    // ================================================================== matchers

    private static void assertHandledAt(Dispute dispute, DisputeStatus status, RegionLevel level, String unit,
                                        long version) {
        assertThat(dispute.status()).as("status").isEqualTo(status);
        assertThat(dispute.handlingLevel()).as("handling level").isEqualTo(level);
        assertThat(dispute.handlingUnit()).as("handling unit").isEqualTo(unit);
        assertThat(dispute.version()).as("version").isEqualTo(version);
    }

    static Matcher<Object> ruleViolationOn(String field) {
        return exception(RuleViolation.class, e -> field.equals(e.field()), "a RuleViolation on field '" + field + "'");
    }

    static Matcher<Object> lifecycleViolationIn(DisputeStatus status) {
        return exception(LifecycleViolation.class, e -> e.status() == status,
                         "a LifecycleViolation naming status " + status);
    }

    private static <E extends Throwable> Matcher<Object> exception(Class<E> type, Predicate<E> check,
                                                                   String description) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return type.isInstance(actual) && check.test(type.cast(actual));
            }

            @Override
            public void describeTo(Description text) {
                text.appendText(description);
            }

            @Override
            public void describeMismatch(Object actual, Description text) {
                text.appendText("was ").appendValue(actual);
                if (actual instanceof RuleViolation rule) {
                    text.appendText(" on field ").appendValue(rule.field());
                }
            }
        };
    }
}
