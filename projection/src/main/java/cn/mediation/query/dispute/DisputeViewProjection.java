package cn.mediation.query.dispute;

import cn.mediation.core.dispute.*;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionLevel;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The current state of each dispute, one document per dispute keyed by its id, with personal data masked (and,
 * once erased, gone: {@code personalDataErased}). Each write is guarded by the event's sequence number in the
 * dispute, so redelivered events change nothing.
 */
@Component
@ProcessingGroup(DisputeViewProjection.GROUP)
public class DisputeViewProjection {

    public static final String GROUP = "dispute-views";
    public static final String COLLECTION = "dispute_views";

    private final ViewTarget target;

    @org.springframework.beans.factory.annotation.Autowired
    public DisputeViewProjection(MongoDatabase database) {
        this(new MongoViewTarget(database));
    }

    DisputeViewProjection(ViewTarget target) {
        this.target = target;
    }

    @EventHandler
    void on(DisputeRegisteredEvent e, @SequenceNumber long seq) {
        RegionCode village = RegionCode.of(e.villageCode());
        List<Document> parties = parties(e.parties().stream().map(PersonalDataMask::party).toList());
        update(e, e.disputeId(), seq, d -> d
                .append("caseNumber", e.caseNumber())
                .append("committeeId", e.committeeId())
                .append("villageCode", e.villageCode())
                .append("townCode", village.ancestorAt(RegionLevel.TOWN).value())
                .append("countyCode", village.ancestorAt(RegionLevel.COUNTY).value())
                .append("cityCode", village.ancestorAt(RegionLevel.CITY).value())
                .append("field", e.field())
                .append("source", e.source().name())
                .append("referredBy", e.referredBy() == null ? null : e.referredBy().name())
                .append("summary", e.summary())
                .append("registeredOn", e.date().toString())
                .append("occurredOn", e.occurredOn() == null ? null : e.occurredOn().toString())
                .append("peopleInvolved", e.peopleInvolved())
                .append("amountInvolved", e.amountInvolved() == null ? null : e.amountInvolved().toPlainString())
                .append("parties", parties)
                .append("personalDataErased", false)
                .append("handlingLevel", RegionLevel.VILLAGE.name())
                .append("handlingUnit", e.villageCode())
                .append("riskGrade", null)
                .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(DisputeScreenedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> {
            d.append("riskGrade", e.grade().name()).append("groupRisk", e.groupRisk())
             .append("criminalRisk", e.criminalRisk()).append("updatedOn", e.date().toString());
            if (e.decision() == ScreeningDecision.DECLINE) {
                d.append("declineReason", e.reason());
            }
            return d;
        });
    }

    @EventHandler
    void on(MediationStartedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("mediationStartedOn", e.date().toString())
                                         .append("mediationCommitteeId", e.committeeId())
                                         .append("mediatorIds", e.mediatorIds())
                                         .append("channel", e.channel().name())
                                         .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(MediationSessionRecordedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("sessions", d.getInteger("sessions", 0) + 1)
                                         .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(DisputeResolvedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("resolvedOn", e.date().toString())
                                         .append("resolvedOutcome", true)
                                         .append("agreementForm", e.form().name())
                                         .append("prevention", e.prevention() == null ? null : e.prevention().stream()
                                                 .map(p -> new Document("outcome", p.outcome().name())
                                                         .append("persons", p.persons())).toList())
                                         .append("concludedLevel", e.level().name())
                                         .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(MediationFailedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("failedOn", e.date().toString())
                                         .append("resolvedOutcome", false)
                                         .append("concludedLevel", e.level().name())
                                         .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(DisputeEscalatedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("escalatedTo", e.to().name())
                                         .append("escalatedToUnit", e.toUnit())
                                         .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(EscalationAcceptedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("handlingLevel", e.level().name())
                                         .append("handlingUnit", e.unit())
                                         .append("escalatedTo", null)
                                         .append("escalatedToUnit", null)
                                         .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(DisputeWithdrawnEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(FulfilmentRecordedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("fulfilled", e.fulfilled()).append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(JudicialConfirmationRecordedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("judicialConfirmation", e.court())
                                         .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(FollowUpRecordedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("satisfaction", e.satisfaction())
                                         .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(DisputeReopenedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("mediationStartedOn", e.date().toString())
                                         .append("fulfilled", null)
                                         .append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(DisputeClosedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("updatedOn", e.date().toString()));
    }

    @EventHandler
    void on(IncidentRecordedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> d.append("incidents", d.getInteger("incidents", 0) + 1)
                                         .append("updatedOn", e.date().toString()));
    }

    /** The masked forms go too: the roles stay, the case and its dates do not move. */
    @EventHandler
    void on(PersonalDataErasedEvent e, @SequenceNumber long seq) {
        update(e, e.disputeId(), seq, d -> {
            List<Party> erased = d.getList("parties", Document.class, List.of()).stream()
                                  .map(p -> new Party(PartyRole.valueOf(p.getString("role")), null, null, null))
                                  .toList();
            return d.append("parties", parties(erased)).append("personalDataErased", true);
        });
    }

    private static List<Document> parties(List<Party> masked) {
        return masked.stream().map(p -> new Document("role", p.role().name()).append("name", p.name())
                                                                             .append("idNumber", p.idNumber())
                                                                             .append("phone", p.phone()))
                     .toList();
    }

    @ResetHandler
    void reset() {
        target.clear();
    }

    /** Applies the event's change; the status always follows the one lifecycle table in {@code core}. */
    private void update(Object event, String id, long seq, UnaryOperator<Document> change) {
        target.apply(id, seq, d -> {
            String before = d.getString("status");
            DisputeStatus status = DisputeLifecycle.next(before == null ? null : DisputeStatus.valueOf(before), event);
            return change.apply(d).append("status", status == null ? null : status.name()).append("version", seq);
        });
    }
}
