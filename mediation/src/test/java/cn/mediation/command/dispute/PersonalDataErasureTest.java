package cn.mediation.command.dispute;

import cn.mediation.core.dispute.*;
import cn.mediation.core.privacy.PersonalFields;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static cn.mediation.command.dispute.DisputeSamples.*;
import static cn.mediation.core.dispute.DisputeStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasing the parties' personal data: recorded once, in any state, moving neither status nor dates; and a dispute
 * whose stored personal data reads as null (its key deleted) still loads and goes on.
 */
class PersonalDataErasureTest {

    private static final LocalDate TODAY = day(30);
    private static final String OFFICER = "privacy-officer";

    private FixtureConfiguration<Dispute> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Dispute.class);
    }

    private static ErasePersonalDataCommand erase() {
        return new ErasePersonalDataCommand(ID, TODAY, OFFICER);
    }

    /** The registration as the event store gives it back once the key is deleted. */
    private static DisputeRegisteredEvent registeredAsErased() {
        DisputeRegisteredEvent e = registered();
        return new DisputeRegisteredEvent(e.disputeId(), e.caseNumber(), e.committeeId(), e.villageCode(), e.field(),
                                          e.source(), e.summary(), e.date(), e.occurredOn(), e.peopleInvolved(),
                                          e.amountInvolved(),
                                          e.parties().stream().map(Party::withoutPersonalData).toList(), e.actor());
    }

    private static List<Object> with(List<Object> history, Object... more) {
        List<Object> all = new ArrayList<>(history);
        all.addAll(List.of(more));
        return all;
    }

    @ParameterizedTest(name = "from {0}")
    @EnumSource(DisputeStatus.class)
    void erasureIsRecordedInAnyStateAndChangesNothingElse(DisputeStatus status) {
        List<Object> history = DisputeLifecycleTest.history(status);
        fixture.given(history)
               .when(erase())
               .expectSuccessfulHandlerExecution()
               .expectEvents(new PersonalDataErasedEvent(ID, TODAY, OFFICER))
               .expectResultMessagePayload(new CommandResult(ID, status, history.size()))
               .expectState(dispute -> {
                   assertThat(dispute.status()).isEqualTo(status);
                   assertThat(dispute.version()).isEqualTo(history.size());
                   assertThat(dispute.registration().parties())
                           .allSatisfy(party -> assertThat(party).isEqualTo(party.withoutPersonalData()));
                   assertThat(dispute.registration().caseNumber()).isEqualTo(CASE_NUMBER);
               });
    }

    @Test
    void theAggregatesSnapshotHasItsPersonalDataFoundAndSoEncrypted() {
        assertThat(PersonalFields.of(Dispute.class)).extracting(Object::toString).containsExactlyInAnyOrder(
                "registration.parties[].name", "registration.parties[].idNumber", "registration.parties[].phone");
    }

    @Test
    void erasingAgainRecordsNothing() {
        fixture.given(registered(), new PersonalDataErasedEvent(ID, day(1), OFFICER))
               .when(erase())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(new CommandResult(ID, REGISTERED, 1L));
    }

    @Test
    void aStaleVersionIsRefused() {
        fixture.given(DisputeLifecycleTest.history(ACCEPTED))
               .when(new GenericCommandMessage<>(erase(), MetaData.with(Dispute.EXPECTED_VERSION, 0L)))
               .expectException(StaleVersion.class)
               .expectNoEvents();
    }

    @Test
    void theErasureIsNotABusinessStepSoAnEarlierDatedStepStillFollows() {
        fixture.given(registered(), new PersonalDataErasedEvent(ID, TODAY, OFFICER))
               .when(new ScreenDisputeCommand(ID, RiskGrade.ORDINARY, ScreeningDecision.ACCEPT, null, false, false,
                                              day(1), CLERK))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(new CommandResult(ID, ACCEPTED, 2L));
    }

    @Test
    void aDisputeWhoseStoredPersonalDataReadsAsNullLoadsAndGoesOn() {
        fixture.given(registeredAsErased(), new PersonalDataErasedEvent(ID, day(1), OFFICER))
               .when(new ScreenDisputeCommand(ID, RiskGrade.ORDINARY, ScreeningDecision.ACCEPT, null, false, false,
                                              day(2), CLERK))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new DisputeScreenedEvent(ID, RiskGrade.ORDINARY, ScreeningDecision.ACCEPT, null, false,
                                                      false, day(2), CLERK));
    }

    @Test
    void aRetriedRegistrationAfterErasureIsRecognisedByEverythingButThePersonalData() {
        fixture.given(registeredAsErased(), new PersonalDataErasedEvent(ID, day(1), OFFICER))
               .when(register())
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(new RegistrationResult(ID, CASE_NUMBER, REGISTERED, 1L, false));
    }

    @Test
    void aRegistrationWithOtherPartiesAfterErasureStillConflicts() {
        RegisterDisputeCommand other = register();
        other = new RegisterDisputeCommand(other.disputeId(), other.caseNumber(), other.committeeId(),
                                           other.villageCode(), other.field(), other.source(), other.summary(),
                                           other.date(), other.occurredOn(), other.peopleInvolved(),
                                           other.amountInvolved(), List.of(other.parties().get(0)), other.actor());
        fixture.given(registeredAsErased(), new PersonalDataErasedEvent(ID, day(1), OFFICER))
               .when(other)
               .expectException(RegistrationConflict.class);
    }
}
