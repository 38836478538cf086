package cn.mediation.core.upcasting;

import cn.mediation.core.committee.CommitteeEstablishedEvent;
import cn.mediation.core.committee.CommitteeKind;
import cn.mediation.core.committee.MediatorAppointedEvent;
import cn.mediation.core.dispute.AgreementForm;
import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.DisputeResolvedEvent;
import cn.mediation.core.dispute.Prevention;
import cn.mediation.core.dispute.PreventionOutcome;
import cn.mediation.core.json.Json;
import cn.mediation.core.region.RegionLevel;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official report's dimensions were added to four events: stored documents of the earlier revisions (written
 * here as the earlier releases wrote them) read through the project's upcasters as the current revision with the new
 * fields not recorded ({@code null}), while values recorded now survive a round trip.
 */
class OfficialReportRevisionsTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Json.messageMapper()).build();

    @Test
    void anOldRegistrationReadsWithoutAReferrer() {
        DisputeRegisteredEvent event = read(DisputeRegisteredEvent.class, "1", """
                {"disputeId":"d1","caseNumber":"N1","committeeId":"C1","villageCode":"511902101001",
                 "field":"NEIGHBOURS","source":"REFERRAL","summary":"s","date":"2025-05-01","occurredOn":null,
                 "peopleInvolved":3,"amountInvolved":null,"parties":[],"actor":"m"}""");
        assertThat(event.peopleInvolved()).isEqualTo(3);
        assertThat(event.referredBy()).isNull();
    }

    @Test
    void aRevisionOneResolutionReadsWithItsAmountAndNoPreventionRecorded() {
        DisputeResolvedEvent event = read(DisputeResolvedEvent.class, "1", """
                {"disputeId":"d1","form":"WRITTEN","terms":"t","amount":"3200.50","level":"VILLAGE",
                 "unit":"511902101001","date":"2025-06-10","actor":"m"}""");
        assertThat(event.agreedAmount()).isEqualByComparingTo("3200.50");
        assertThat(event.prevention()).isNull();
        assertThat(event.preventionRecorded()).isFalse();
    }

    @Test
    void aRevisionTwoResolutionReadsWithNoPreventionRecorded() {
        DisputeResolvedEvent event = read(DisputeResolvedEvent.class, "2", """
                {"disputeId":"d1","form":"ORAL","terms":"t","agreedAmount":null,"level":"TOWN",
                 "unit":"511902101000","date":"2025-06-10","actor":"m"}""");
        assertThat(event.form()).isEqualTo(AgreementForm.ORAL);
        assertThat(event.preventionRecorded()).isFalse();
    }

    @Test
    void oldCommitteesAndAppointmentsReadWithKindAndFullTimeNotRecorded() {
        CommitteeEstablishedEvent committee = read(CommitteeEstablishedEvent.class, "1", """
                {"committeeId":"C1","name":"n","regionCode":"511902101001","level":"VILLAGE","field":null,
                 "date":"2025-01-01","actor":"a"}""");
        assertThat(committee.kind()).isNull();
        assertThat(committee.trade()).isNull();
        MediatorAppointedEvent mediator = read(MediatorAppointedEvent.class, "1", """
                {"committeeId":"C1","mediatorId":"M1","name":"n","regionCode":"511902101001",
                 "date":"2025-01-01","actor":"a"}""");
        assertThat(mediator.fullTime()).isNull();
    }

    @Test
    void whatIsRecordedNowSurvivesTheUpcastersUntouched() {
        DisputeResolvedEvent resolved = new DisputeResolvedEvent(
                "d1", AgreementForm.WRITTEN, "t", new BigDecimal("10.00"), RegionLevel.VILLAGE, "511902101001",
                LocalDate.of(2026, 3, 1), "m", List.of(new Prevention(PreventionOutcome.GROUP_PETITION, 12)));
        assertThat(roundTrip(resolved)).isEqualTo(resolved);
        DisputeResolvedEvent none = new DisputeResolvedEvent(
                "d1", AgreementForm.ORAL, "t", null, RegionLevel.VILLAGE, "511902101001", LocalDate.of(2026, 3, 1),
                "m", List.of());
        assertThat(roundTrip(none).preventionRecorded()).isTrue();
        assertThat(roundTrip(none).prevention()).isEmpty();
        CommitteeEstablishedEvent committee = new CommitteeEstablishedEvent(
                "C9", "n", "511902000000", RegionLevel.COUNTY, "MEDICAL", LocalDate.of(2026, 1, 1), "a",
                CommitteeKind.PROFESSIONAL, "医疗卫生");
        assertThat(roundTrip(committee)).isEqualTo(committee);
    }

    private <T> T roundTrip(T event) {
        SerializedObject<String> data = serializer.serialize(event, String.class);
        return read(event.getClass(), data.getType().getRevision(), data.getData());
    }

    @SuppressWarnings("unchecked")
    private <T> T read(Class<?> type, String revision, String json) {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>(
                "Aggregate", "id", 0, "event-1", Instant.parse("2026-01-01T00:00:00Z"), type.getName(), revision, json,
                "{}");
        List<IntermediateEventRepresentation> upcast = Upcasters.chain()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        IntermediateEventRepresentation representation = upcast.get(0);
        assertThat(representation.getType().getRevision())
                .as("read as the current revision").isEqualTo(serializer.typeForClass(type).getRevision());
        return (T) serializer.deserialize(new SimpleSerializedObject<>(
                representation.getData(String.class).getData(), String.class,
                new SimpleSerializedType(type.getName(), representation.getType().getRevision())));
    }
}
