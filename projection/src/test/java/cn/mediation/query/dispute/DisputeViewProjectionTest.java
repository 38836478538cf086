package cn.mediation.query.dispute;

import cn.mediation.core.dispute.*;
import cn.mediation.core.region.RegionLevel;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case view as a plain object over views in memory: what each event writes, the status from the one lifecycle
 * table, masking of the parties, redelivery, reopening and erasure.
 */
class DisputeViewProjectionTest {

    private static final String ID = "d-1";
    private static final String VILLAGE = "511902101001";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    private MemoryViewTarget views;
    private DisputeViewProjection projection;

    @BeforeEach
    void fresh() {
        views = new MemoryViewTarget();
        projection = new DisputeViewProjection(views);
    }

    private void register(DisputeSource source, Referrer referrer) {
        projection.on(new DisputeRegisteredEvent(ID, "2026-" + VILLAGE + "-0001", "C" + VILLAGE, VILLAGE, "NEIGHBOURS",
                                                 source, "宅基地边界", DAY, DAY.minusDays(1), 3, new BigDecimal("1200.50"),
                                                 List.of(new Party(PartyRole.APPLICANT, "王小明", "11010519491231002X",
                                                                   "13812345678")), "m", referrer), 0);
    }

    private Document view() {
        return views.get(ID);
    }

    @Test
    void aRegistrationWritesTheAreaCodesTheReferrerAndMaskedParties() {
        register(DisputeSource.REFERRAL, Referrer.COURT);
        Document view = view();
        assertThat(view.getString("status")).isEqualTo("REGISTERED");
        assertThat(view.getString("townCode")).isEqualTo("511902101000");
        assertThat(view.getString("countyCode")).isEqualTo("511902000000");
        assertThat(view.getString("referredBy")).isEqualTo("COURT");
        assertThat(view.getString("amountInvolved")).isEqualTo("1200.50");
        Document party = view.getList("parties", Document.class).get(0);
        assertThat(party.getString("name")).isNotEqualTo("王小明").startsWith("王");
        assertThat(party.getString("idNumber")).doesNotContain("19491231");
        assertThat(party.getString("phone")).doesNotContain("1234");
    }

    @Test
    void theStatusFollowsTheLifecycleAndTheResolutionKeepsItsPrevention() {
        register(DisputeSource.SWEEP, null);
        projection.on(new DisputeScreenedEvent(ID, RiskGrade.MAJOR, ScreeningDecision.ACCEPT, null, true, false, DAY, "m"), 1);
        assertThat(view().getString("status")).isEqualTo("ACCEPTED");
        assertThat(view().getString("riskGrade")).isEqualTo("MAJOR");
        projection.on(new MediationStartedEvent(ID, "C" + VILLAGE, List.of("M1"), MediationChannel.PEOPLES,
                                                RegionLevel.VILLAGE, VILLAGE, DAY.plusDays(1), "m"), 2);
        assertThat(view().getString("status")).isEqualTo("MEDIATING");
        projection.on(new DisputeResolvedEvent(ID, AgreementForm.ORAL, "t", null, RegionLevel.VILLAGE, VILLAGE,
                                               DAY.plusDays(5), "m",
                                               List.of(new Prevention(PreventionOutcome.GROUP_FIGHT, 9))), 3);
        Document resolved = view();
        assertThat(resolved.getString("status")).isEqualTo("RESOLVED");
        assertThat(resolved.getString("resolvedOn")).isEqualTo("2026-03-07");
        assertThat(resolved.getList("prevention", Document.class))
                .containsExactly(new Document("outcome", "GROUP_FIGHT").append("persons", 9));
        assertThat(resolved.getLong("version")).isEqualTo(3L);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        register(DisputeSource.APPLICATION, null);
        projection.on(new DisputeScreenedEvent(ID, RiskGrade.ORDINARY, ScreeningDecision.DECLINE, "已起诉", false, false,
                                               DAY, "m"), 1);
        Document before = new Document(view());
        register(DisputeSource.APPLICATION, null);
        projection.on(new DisputeScreenedEvent(ID, RiskGrade.MAJOR, ScreeningDecision.ACCEPT, null, false, false, DAY, "m"), 1);
        assertThat(view()).isEqualTo(before);
        assertThat(view().getString("status")).isEqualTo("DECLINED");
        assertThat(view().getString("declineReason")).isEqualTo("已起诉");
    }

    @Test
    void anAcceptedEscalationMovesTheCaseAndAReopeningForgetsTheFulfilment() {
        register(DisputeSource.APPLICATION, null);
        projection.on(new DisputeScreenedEvent(ID, RiskGrade.ORDINARY, ScreeningDecision.ACCEPT, null, false, false, DAY, "m"), 1);
        projection.on(new DisputeEscalatedEvent(ID, RegionLevel.VILLAGE, VILLAGE, EscalationTarget.TOWN, "511902101000",
                                                "难以化解", DAY, "m"), 2);
        assertThat(view().getString("status")).isEqualTo("ESCALATED");
        assertThat(view().getString("escalatedToUnit")).isEqualTo("511902101000");
        projection.on(new EscalationAcceptedEvent(ID, RegionLevel.TOWN, "511902101000", DAY, "t"), 3);
        assertThat(view().getString("handlingUnit")).isEqualTo("511902101000");
        assertThat(view().getString("escalatedToUnit")).isNull();
        projection.on(new MediationStartedEvent(ID, "C511902101000", List.of("M1"), MediationChannel.PEOPLES,
                                                RegionLevel.TOWN, "511902101000", DAY, "t"), 4);
        projection.on(new DisputeResolvedEvent(ID, AgreementForm.WRITTEN, "t", BigDecimal.TEN, RegionLevel.TOWN,
                                               "511902101000", DAY.plusDays(2), "t"), 5);
        projection.on(new FulfilmentRecordedEvent(ID, false, DAY.plusDays(9), "t"), 6);
        assertThat(view().getBoolean("fulfilled")).isFalse();
        assertThat(view().get("prevention")).as("not recorded").isNull();
        projection.on(new DisputeReopenedEvent(ID, "未履行", DAY.plusDays(10), "t"), 7);
        assertThat(view().getString("status")).isEqualTo("MEDIATING");
        assertThat(view().get("fulfilled")).isNull();
        assertThat(view().getString("updatedOn")).isEqualTo("2026-03-12");
    }

    @Test
    void anErasureBlanksThePartiesButKeepsTheirRolesAndTheCase() {
        register(DisputeSource.APPLICATION, null);
        projection.on(new PersonalDataErasedEvent(ID, DAY.plusDays(30), "admin"), 1);
        Document view = view();
        assertThat(view.getBoolean("personalDataErased")).isTrue();
        Document party = view.getList("parties", Document.class).get(0);
        assertThat(party.getString("role")).isEqualTo("APPLICANT");
        assertThat(party.get("name")).isNull();
        assertThat(party.get("idNumber")).isNull();
        assertThat(view.getString("status")).isEqualTo("REGISTERED");
        assertThat(view.getString("updatedOn")).as("an erasure is not a step of the case").isEqualTo("2026-03-02");
    }
}
