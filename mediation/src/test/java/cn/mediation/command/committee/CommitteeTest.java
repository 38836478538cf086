package cn.mediation.command.committee;

import cn.mediation.command.dispute.RuleViolation;
import cn.mediation.core.committee.AppointMediatorCommand;
import cn.mediation.core.committee.CommitteeEstablishedEvent;
import cn.mediation.core.committee.EstablishCommitteeCommand;
import cn.mediation.core.committee.MediatorAppointedEvent;
import cn.mediation.core.committee.MediatorRemovedEvent;
import cn.mediation.core.committee.RemoveMediatorCommand;
import cn.mediation.core.region.RegionLevel;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.stream.Stream;

/** A committee and its roster: establishing, appointing and removing mediators, each retry-safe. */
class CommitteeTest {

    private static final String ID = "C511902101001";
    private static final String NAME = "巴州区样例镇一样例村一人民调解委员会";
    private static final String VILLAGE = "511902101001";
    private static final String TOWN = "511902101000";
    private static final String COUNTY = "511902000000";
    private static final LocalDate ON = LocalDate.of(2026, 1, 5);
    private static final String ADMIN = "admin-chen";

    private FixtureConfiguration<Committee> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Committee.class);
    }

    // ------------------------------------------------------------------ establishing

    @Test
    void establishingACommitteeRecordsTheLevelOfItsArea() {
        fixture.givenNoPriorActivity()
               .when(new EstablishCommitteeCommand(ID, NAME, VILLAGE, null, ON, ADMIN))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new CommitteeEstablishedEvent(ID, NAME, VILLAGE, RegionLevel.VILLAGE, null, ON, ADMIN))
               .expectResultMessagePayload(ID);
    }

    @Test
    void establishingATownCommitteeRecordsTheTownLevel() {
        fixture.givenNoPriorActivity()
               .when(new EstablishCommitteeCommand("C511902101000", "样例镇一人民调解委员会", TOWN, null, ON, ADMIN))
               .expectEvents(new CommitteeEstablishedEvent("C511902101000", "样例镇一人民调解委员会", TOWN,
                                                           RegionLevel.TOWN, null, ON, ADMIN));
    }

    @Test
    void establishingAnIndustryCommitteeRecordsItsField() {
        fixture.givenNoPriorActivity()
               .when(new EstablishCommitteeCommand("C-MEDICAL-511902", "巴州区医疗纠纷人民调解委员会", COUNTY, "MEDICAL", ON,
                                                   ADMIN))
               .expectEvents(new CommitteeEstablishedEvent("C-MEDICAL-511902", "巴州区医疗纠纷人民调解委员会", COUNTY,
                                                           RegionLevel.COUNTY, "MEDICAL", ON, ADMIN));
    }

    @Test
    void establishingTheSameCommitteeAgainStoresNothing() {
        fixture.given(established())
               .when(new EstablishCommitteeCommand(ID, NAME, VILLAGE, null, ON.plusDays(3), "admin-li"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(ID);
    }

    static Stream<Arguments> otherDetails() {
        return Stream.of(
                Arguments.of("name", new EstablishCommitteeCommand(ID, "另一个调解委员会", VILLAGE, null, ON, ADMIN)),
                Arguments.of("region", new EstablishCommitteeCommand(ID, NAME, "511902101002", null, ON, ADMIN)),
                Arguments.of("field", new EstablishCommitteeCommand(ID, NAME, VILLAGE, "MEDICAL", ON, ADMIN)));
    }

    @ParameterizedTest(name = "other {0}")
    @MethodSource("otherDetails")
    void establishingTheSameIdWithOtherDetailsIsRefused(String detail, EstablishCommitteeCommand other) {
        fixture.given(established())
               .when(other)
               .expectException(ruleViolationOn("id"))
               .expectNoEvents();
    }

    // ------------------------------------------------------------------ appointing

    @Test
    void appointingAMediatorRecordsItWithTheCommitteesArea() {
        fixture.given(established())
               .when(new AppointMediatorCommand(ID, "M-001", "赵敏", ON.plusDays(1), ADMIN))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new MediatorAppointedEvent(ID, "M-001", "赵敏", VILLAGE, ON.plusDays(1), ADMIN))
               .expectResultMessagePayload("M-001");
    }

    @Test
    void aMediatorIsNotAppointedBeforeTheCommitteeWasEstablished() {
        fixture.given(established())
               .when(new AppointMediatorCommand(ID, "M-001", "赵敏", ON.minusDays(1), ADMIN))
               .expectException(ruleViolationOn("date"))
               .expectNoEvents();
        fixture.given(established())
               .when(new AppointMediatorCommand(ID, "M-001", "赵敏", ON, ADMIN))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void appointingTheSameMediatorAgainStoresNothing() {
        fixture.given(established(), appointed("M-001", "赵敏"))
               .when(new AppointMediatorCommand(ID, "M-001", "赵敏", ON.plusDays(2), "admin-li"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload("M-001");
    }

    @Test
    void appointingAnotherPersonUnderAnIdOnTheRosterIsRefused() {
        fixture.given(established(), appointed("M-001", "赵敏"))
               .when(new AppointMediatorCommand(ID, "M-001", "钱伟", ON.plusDays(2), ADMIN))
               .expectException(ruleViolationOn("mediatorId"))
               .expectNoEvents();
    }

    @Test
    void appointingASecondMediatorAddsToTheRoster() {
        fixture.given(established(), appointed("M-001", "赵敏"))
               .when(new AppointMediatorCommand(ID, "M-002", "钱伟", ON.plusDays(2), ADMIN))
               .expectEvents(new MediatorAppointedEvent(ID, "M-002", "钱伟", VILLAGE, ON.plusDays(2), ADMIN));
    }

    @Test
    void aRemovedMediatorCanBeAppointedAgain() {
        fixture.given(established(), appointed("M-001", "赵敏"), removed("M-001"))
               .when(new AppointMediatorCommand(ID, "M-001", "赵敏", ON.plusDays(5), ADMIN))
               .expectEvents(new MediatorAppointedEvent(ID, "M-001", "赵敏", VILLAGE, ON.plusDays(5), ADMIN));
    }

    @Test
    void appointingToACommitteeNeverEstablishedIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new AppointMediatorCommand(ID, "M-001", "赵敏", ON, ADMIN))
               .expectException(AggregateNotFoundException.class)
               .expectNoEvents();
    }

    // ------------------------------------------------------------------ removing

    @Test
    void removingAMediatorOnTheRosterRecordsIt() {
        fixture.given(established(), appointed("M-001", "赵敏"))
               .when(new RemoveMediatorCommand(ID, "M-001", "调离本村", ON.plusDays(4), ADMIN))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new MediatorRemovedEvent(ID, "M-001", "调离本村", VILLAGE, ON.plusDays(4), ADMIN))
               .expectResultMessagePayload("M-001");
    }

    @Test
    void removingAMediatorNotOnTheRosterIsRefused() {
        fixture.given(established(), appointed("M-001", "赵敏"))
               .when(new RemoveMediatorCommand(ID, "M-404", "调离本村", ON.plusDays(4), ADMIN))
               .expectException(ruleViolationOn("mediatorId"))
               .expectNoEvents();
    }

    @Test
    void removingAMediatorTwiceIsRefused() {
        fixture.given(established(), appointed("M-001", "赵敏"), removed("M-001"))
               .when(new RemoveMediatorCommand(ID, "M-001", "调离本村", ON.plusDays(6), ADMIN))
               .expectException(ruleViolationOn("mediatorId"))
               .expectNoEvents();
    }

    // ------------------------------------------------------------------ samples

    private static CommitteeEstablishedEvent established() {
        return new CommitteeEstablishedEvent(ID, NAME, VILLAGE, RegionLevel.VILLAGE, null, ON, ADMIN);
    }

    private static MediatorAppointedEvent appointed(String mediatorId, String name) {
        return new MediatorAppointedEvent(ID, mediatorId, name, VILLAGE, ON.plusDays(1), ADMIN);
    }

    private static MediatorRemovedEvent removed(String mediatorId) {
        return new MediatorRemovedEvent(ID, mediatorId, "调离本村", VILLAGE, ON.plusDays(3), ADMIN);
    }

    private static Matcher<Object> ruleViolationOn(String field) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof RuleViolation rule && field.equals(rule.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation on field '" + field + "'");
            }
        };
    }
}
