package cn.mediation.core.dispute;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cell of the lifecycle table, written out here a second time by hand: status × step → status, and
 * status × action → allowed. A change to the lifecycle has to change both.
 */
class DisputeLifecycleTableTest {

    /** Each step and the status it leads to from any status ("=": the status stays as it was). */
    private static final String TRANSITIONS = """
            REGISTERED                     REGISTERED
            ACCEPTED_AT_SCREENING          ACCEPTED
            DECLINED_AT_SCREENING          DECLINED
            SENT_UP_AT_SCREENING           =
            MEDIATION_STARTED              MEDIATING
            SESSION_RECORDED               =
            RESOLVED                       RESOLVED
            FAILED                         FAILED
            ESCALATED_UP_A_LEVEL           ESCALATED
            TRANSFERRED_TO_ANOTHER_CHANNEL TRANSFERRED
            ESCALATION_ACCEPTED            ACCEPTED
            WITHDRAWN                      WITHDRAWN
            FULFILMENT_RECORDED            =
            JUDICIAL_CONFIRMATION_RECORDED =
            FOLLOW_UP_RECORDED             =
            REOPENED                       MEDIATING
            CLOSED                         CLOSED
            INCIDENT_RECORDED              =
            PERSONAL_DATA_ERASED           =
            """;

    /** Columns in the order of {@link DisputeStatus}: x where the status allows the action. */
    private static final String ACTIONS = """
                                         REG ACC DEC MED RES FAI ESC TRA WIT CLO
            SCREEN                        x   x   .   .   .   .   .   .   .   .
            START_MEDIATION               .   x   .   .   .   .   .   .   .   .
            RECORD_SESSION                .   .   .   x   .   .   .   .   .   .
            RESOLVE                       .   .   .   x   .   .   .   .   .   .
            FAIL                          .   .   .   x   .   .   .   .   .   .
            ESCALATE                      .   x   .   x   .   x   .   .   .   .
            ACCEPT_ESCALATION             .   .   .   .   .   .   x   .   .   .
            WITHDRAW                      x   x   .   x   .   x   x   .   .   .
            RECORD_FULFILMENT             .   .   .   .   x   .   .   .   .   .
            RECORD_JUDICIAL_CONFIRMATION  .   .   .   .   x   .   .   .   .   .
            RECORD_FOLLOW_UP              .   .   .   .   x   .   .   .   .   x
            REOPEN                        .   .   .   .   x   .   .   .   .   .
            CLOSE                         .   .   x   .   x   x   .   x   x   .
            RECORD_INCIDENT               x   x   x   x   x   x   x   x   x   x
            ERASE_PERSONAL_DATA           x   x   x   x   x   x   x   x   x   x
            """;

    @Test
    void everyStepLeadsEveryStatusWhereTheTableSays() {
        List<DisputeLifecycle.Step> seen = new ArrayList<>();
        int cells = 0;
        for (String line : TRANSITIONS.strip().split("\n")) {
            String[] cell = line.trim().split("\\s+");
            DisputeLifecycle.Step step = DisputeLifecycle.Step.valueOf(cell[0]);
            seen.add(step);
            for (DisputeStatus before : DisputeStatus.values()) {
                DisputeStatus expected = cell[1].equals("=") ? before : DisputeStatus.valueOf(cell[1]);
                assertThat(DisputeLifecycle.next(before, step)).as(before + " × " + step).isEqualTo(expected);
                cells++;
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(DisputeLifecycle.Step.values());
        assertThat(cells).isEqualTo(DisputeLifecycle.Step.values().length * DisputeStatus.values().length);
    }

    @Test
    void everyStatusAllowsExactlyTheActionsTheTableMarks() {
        String[] lines = ACTIONS.strip().split("\n");
        List<DisputeAction> seen = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cell = lines[i].trim().split("\\s+");
            DisputeAction action = DisputeAction.valueOf(cell[0]);
            seen.add(action);
            for (DisputeStatus status : DisputeStatus.values()) {
                boolean marked = cell[1 + status.ordinal()].equals("x");
                assertThat(DisputeLifecycle.permits(status, action)).as(status + " × " + action).isEqualTo(marked);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(DisputeAction.values());
    }

    @Test
    void eachEventNamesItsStep() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 2);
        assertThat(DisputeLifecycle.Step.of(new DisputeScreenedEvent("d", RiskGrade.MAJOR, ScreeningDecision.SEND_UP,
                                                                     null, false, false, day, "a")))
                .isEqualTo(DisputeLifecycle.Step.SENT_UP_AT_SCREENING);
        assertThat(DisputeLifecycle.Step.of(new DisputeScreenedEvent("d", RiskGrade.MAJOR, ScreeningDecision.DECLINE,
                                                                     "court", false, false, day, "a")))
                .isEqualTo(DisputeLifecycle.Step.DECLINED_AT_SCREENING);
        assertThat(DisputeLifecycle.Step.of("not an event")).isNull();
        assertThat(DisputeLifecycle.next(DisputeStatus.MEDIATING, (Object) "not an event"))
                .isEqualTo(DisputeStatus.MEDIATING);
    }

    @Test
    void aFollowUpNeedsAResolutionAndAReopeningAnUnfulfilledAgreement() {
        Set<DisputeAction> closedAfterResolution = DisputeLifecycle.allowedActions(DisputeStatus.CLOSED, true, true);
        assertThat(closedAfterResolution).containsExactlyInAnyOrder(DisputeAction.RECORD_FOLLOW_UP,
                                                                    DisputeAction.RECORD_INCIDENT,
                                                                    DisputeAction.ERASE_PERSONAL_DATA);
        assertThat(DisputeLifecycle.allowedActions(DisputeStatus.CLOSED, false, null))
                .doesNotContain(DisputeAction.RECORD_FOLLOW_UP);
        assertThat(DisputeLifecycle.allowedActions(DisputeStatus.RESOLVED, true, null))
                .doesNotContain(DisputeAction.REOPEN).contains(DisputeAction.RECORD_FOLLOW_UP);
        assertThat(DisputeLifecycle.allowedActions(DisputeStatus.RESOLVED, true, false))
                .contains(DisputeAction.REOPEN);
    }

    @Test
    void theStagesPartitionTheStatusesAndOpenIsTheFirst() {
        Set<DisputeStatus> all = EnumSet.noneOf(DisputeStatus.class);
        for (DisputeLifecycle.Stage stage : DisputeLifecycle.Stage.values()) {
            for (DisputeStatus status : stage.statuses()) {
                assertThat(all.add(status)).as(status + " in one stage only").isTrue();
                assertThat(DisputeLifecycle.Stage.of(status)).isEqualTo(stage);
            }
        }
        assertThat(all).isEqualTo(EnumSet.allOf(DisputeStatus.class));
        for (DisputeStatus status : DisputeStatus.values()) {
            assertThat(DisputeLifecycle.isOpen(status)).as(status.name())
                    .isEqualTo(DisputeLifecycle.Stage.of(status) == DisputeLifecycle.Stage.OPEN);
        }
    }
}
