package cn.mediation.query.dispute;

import cn.mediation.core.dispute.*;
import cn.mediation.core.field.DisputeField;
import cn.mediation.core.field.FieldTaxonomy;

import java.util.Locale;

/**
 * The history's one-line summaries in English, for the pages' English mode: the same facts as the Chinese lines
 * ({@link DisputeHistory#summary}), and likewise never the parties' personal data. Places, committees and people
 * keep their Chinese names.
 */
final class EnglishSummaries {

    private EnglishSummaries() {
    }

    /** ADMINISTRATIVE_RULING → administrative ruling. */
    static String words(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String summary(Object payload, boolean erased, DisputeHistory.Naming names) {
        if (payload instanceof DisputeRegisteredEvent e) {
            return "Registered " + e.caseNumber() + ", field: "
                    + FieldTaxonomy.find(e.field()).map(DisputeField::english).orElse(e.field())
                    + ", source: " + words(e.source())
                    + (e.referredBy() == null ? "" : " (referred by " + words(e.referredBy()) + ")")
                    + ", " + e.peopleInvolved() + " people involved, "
                    + e.parties().size() + " parties" + (erased ? " (parties' personal data erased)" : "");
        }
        if (payload instanceof PersonalDataErasedEvent) {
            return "Parties' personal data erased (names, ID numbers, phones)";
        }
        if (payload instanceof DisputeScreenedEvent e) {
            return "Screened: " + words(e.grade()) + ", " + words(e.decision())
                    + (e.groupRisk() ? ", group-incident risk" : "") + (e.criminalRisk() ? ", civil-to-criminal risk" : "")
                    + (e.reason() == null ? "" : " (" + e.reason() + ")");
        }
        if (payload instanceof MediationStartedEvent e) {
            return "Mediation started (" + words(e.channel()) + " mediation), " + names.committee(e.committeeId())
                    + ", mediators " + String.join(", ", names.mediators(e.committeeId(), e.mediatorIds()));
        }
        if (payload instanceof MediationSessionRecordedEvent e) {
            return "Mediation session, " + e.attendees().size() + " attending";
        }
        if (payload instanceof DisputeResolvedEvent e) {
            return "Resolved, " + words(e.form()) + " agreement"
                    + (e.agreedAmount() == null ? "" : ", " + e.agreedAmount().toPlainString() + " yuan")
                    + ", at " + words(e.level()) + " level (" + names.unit(e.unit()) + ")"
                    + (e.prevention() == null ? "" : e.prevention().isEmpty() ? ", nothing prevented"
                       : ", prevented: " + String.join(", ", e.prevention().stream()
                               .map(p -> words(p.outcome()) + " (" + p.persons() + " persons)").toList()));
        }
        if (payload instanceof MediationFailedEvent e) {
            return "Mediation failed (" + names.unit(e.unit()) + "): " + e.reason();
        }
        if (payload instanceof DisputeEscalatedEvent e) {
            return "Escalated from " + words(e.fromLevel()) + " (" + names.unit(e.fromUnit()) + ") to " + words(e.to())
                    + (e.toUnit() == null ? "" : " (" + names.unit(e.toUnit()) + ")") + ": " + e.reason();
        }
        if (payload instanceof EscalationAcceptedEvent e) {
            return "Accepted by the " + words(e.level()) + " mediation centre (" + names.unit(e.unit()) + ")";
        }
        if (payload instanceof DisputeWithdrawnEvent e) {
            return "Withdrawn by the parties" + (e.reason() == null ? "" : ": " + e.reason());
        }
        if (payload instanceof FulfilmentRecordedEvent e) {
            return e.fulfilled() ? "Agreement fulfilled" : "Agreement not fulfilled";
        }
        if (payload instanceof JudicialConfirmationRecordedEvent e) {
            return "Judicial confirmation: " + e.court();
        }
        if (payload instanceof FollowUpRecordedEvent e) {
            return "Follow-up visit, satisfaction " + e.satisfaction();
        }
        if (payload instanceof DisputeReopenedEvent e) {
            return "Agreement not fulfilled, mediation reopened" + (e.reason() == null ? "" : ": " + e.reason());
        }
        if (payload instanceof DisputeClosedEvent e) {
            return "Closed" + (e.reason() == null ? "" : ": " + e.reason());
        }
        if (payload instanceof IncidentRecordedEvent e) {
            return "Incident recorded: " + words(e.kind());
        }
        return payload.getClass().getSimpleName();
    }
}
