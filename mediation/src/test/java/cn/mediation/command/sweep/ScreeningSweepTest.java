package cn.mediation.command.sweep;

import cn.mediation.command.dispute.RuleViolation;
import cn.mediation.core.sweep.RecordScreeningSweepCommand;
import cn.mediation.core.sweep.ScreeningSweepRecordedEvent;
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

/** A screening sweep is recorded once; a retry with the same details is a no-op. */
class ScreeningSweepTest {

    private static final String ID = "0b7c6f8e-1d2a-4e3b-9c4d-5e6f7a8b9c0d";
    private static final String VILLAGE = "511902101001";
    private static final LocalDate ON = LocalDate.of(2026, 3, 10);
    private static final String NOTES = "入户走访三十二户，发现邻里纠纷两起";
    private static final String GRID = "grid-sun";

    private FixtureConfiguration<ScreeningSweep> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ScreeningSweep.class);
    }

    @Test
    void recordingASweepStoresIt() {
        fixture.givenNoPriorActivity()
               .when(new RecordScreeningSweepCommand(ID, VILLAGE, 2, NOTES, ON, GRID))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new ScreeningSweepRecordedEvent(ID, VILLAGE, 2, NOTES, ON, GRID))
               .expectResultMessagePayload(ID);
    }

    @Test
    void aSweepThatFoundNothingIsRecorded() {
        fixture.givenNoPriorActivity()
               .when(new RecordScreeningSweepCommand(ID, VILLAGE, 0, null, ON, GRID))
               .expectEvents(new ScreeningSweepRecordedEvent(ID, VILLAGE, 0, null, ON, GRID));
    }

    @Test
    void retriedSweepStoresNothing() {
        fixture.given(recorded())
               .when(new RecordScreeningSweepCommand(ID, VILLAGE, 2, NOTES, ON, GRID))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents()
               .expectResultMessagePayload(ID);
    }

    @Test
    void retriedSweepSentByAnotherActorStoresNothing() {
        fixture.given(recorded())
               .when(new RecordScreeningSweepCommand(ID, VILLAGE, 2, NOTES, ON, "grid-zhou"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    static Stream<Arguments> otherDetails() {
        return Stream.of(
                Arguments.of("village", new RecordScreeningSweepCommand(ID, "511902101002", 2, NOTES, ON, GRID)),
                Arguments.of("found", new RecordScreeningSweepCommand(ID, VILLAGE, 3, NOTES, ON, GRID)),
                Arguments.of("notes", new RecordScreeningSweepCommand(ID, VILLAGE, 2, "另一次排查", ON, GRID)),
                Arguments.of("date", new RecordScreeningSweepCommand(ID, VILLAGE, 2, NOTES, ON.plusDays(1), GRID)));
    }

    @ParameterizedTest(name = "other {0}")
    @MethodSource("otherDetails")
    void sameSweepIdWithOtherDetailsIsRefused(String detail, RecordScreeningSweepCommand other) {
        fixture.given(recorded())
               .when(other)
               .expectException(ruleViolationOn("id"))
               .expectNoEvents();
    }

    @Test
    void negativeFoundIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new RecordScreeningSweepCommand(ID, VILLAGE, -1, NOTES, ON, GRID))
               .expectException(ruleViolationOn("found"))
               .expectNoEvents();
    }

    private static ScreeningSweepRecordedEvent recorded() {
        return new ScreeningSweepRecordedEvent(ID, VILLAGE, 2, NOTES, ON, GRID);
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
