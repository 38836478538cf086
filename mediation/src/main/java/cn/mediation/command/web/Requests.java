package cn.mediation.command.web;

import cn.mediation.core.committee.CommitteeKind;
import cn.mediation.core.dispute.Prevention;
import cn.mediation.core.dispute.Referrer;
import cn.mediation.core.dispute.AgreementForm;
import cn.mediation.core.dispute.DisputeSource;
import cn.mediation.core.dispute.EscalationTarget;
import cn.mediation.core.dispute.IncidentKind;
import cn.mediation.core.dispute.MediationChannel;
import cn.mediation.core.dispute.PartyRole;
import cn.mediation.core.dispute.RiskGrade;
import cn.mediation.core.dispute.ScreeningDecision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The JSON bodies of the mediators' API, exactly as clients send them. */
public final class Requests {

    private Requests() {
    }

    public record Register(String id, String villageCode, String field, DisputeSource source, String summary,
                           LocalDate date, LocalDate occurredOn, Integer peopleInvolved, BigDecimal amountInvolved,
                           List<PartyBody> parties, Referrer referredBy) {
    }

    public record PartyBody(PartyRole role, String name, String idNumber, String phone) {
        @Override
        public String toString() {
            return "PartyBody[" + role + ", personal data withheld]";
        }
    }

    public record Screening(RiskGrade grade, ScreeningDecision decision, String reason, Boolean groupRisk,
                            Boolean criminalRisk, LocalDate date) {
    }

    public record Mediation(String committeeId, List<String> mediatorIds, MediationChannel channel, LocalDate date) {
    }

    public record Session(List<String> attendees, String notes, LocalDate date) {
        @Override
        public String toString() {
            return "Session[" + (attendees == null ? 0 : attendees.size()) + " attendee(s), names withheld, " + date
                    + "]";
        }
    }

    public record Resolution(AgreementForm form, String terms, BigDecimal amount, LocalDate date,
                             List<Prevention> prevention) {
    }

    public record Failure(String reason, LocalDate date) {
    }

    public record Escalation(EscalationTarget to, String reason, LocalDate date) {
    }

    public record DateOnly(LocalDate date) {
    }

    public record Reasoned(String reason, LocalDate date) {
    }

    public record Fulfilment(Boolean fulfilled, LocalDate date) {
    }

    public record JudicialConfirmation(String court, LocalDate date) {
    }

    public record FollowUp(Integer satisfaction, String notes, LocalDate date) {
    }

    public record Incident(IncidentKind kind, String notes, LocalDate date) {
    }

    public record Sweep(String id, String villageCode, Integer found, String notes, LocalDate date) {
    }

    /** A committee to establish; {@code date}, the day it was established, is today when left out. */
    public record NewCommittee(String id, String name, String regionCode, String field, CommitteeKind kind,
                               String trade, LocalDate date) {

        public NewCommittee(String id, String name, String regionCode, String field, CommitteeKind kind,
                            String trade) {
            this(id, name, regionCode, field, kind, trade, null);
        }
    }

    public record NewMediator(String mediatorId, String name, LocalDate date, Boolean fullTime) {
    }

    public record CommitteeKindBody(CommitteeKind kind, String trade) {
    }

    public record Employment(Boolean fullTime) {
    }
}
