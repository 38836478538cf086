package cn.mediation.command.dispute;

import cn.mediation.core.dispute.DisputeRegisteredEvent;
import cn.mediation.core.dispute.DisputeSource;
import cn.mediation.core.dispute.RegisterDisputeCommand;

import cn.mediation.core.dispute.Party;
import cn.mediation.core.dispute.PartyRole;

import java.util.List;
import java.util.Objects;

/** Rules of registration, and what makes a retried registration "the same". */
final class RegistrationPolicy {

    private RegistrationPolicy() {
    }

    static void check(RegisterDisputeCommand command) {
        if (command.occurredOn() != null && command.occurredOn().isAfter(command.date())) {
            throw new RuleViolation("occurredOn", "afterDate", "The dispute cannot have arisen after the date it is registered");
        }
        if (command.parties() == null || command.parties().isEmpty()) {
            throw new RuleViolation("parties", "atLeastOne", "A dispute has at least one party");
        }
    }

    /**
     * Everything the client sent, compared field by field; the case number and the actor are not the client's.
     * Once the personal data is erased it cannot be compared: the parties' roles are, with everything else.
     */
    static boolean sameRegistration(DisputeRegisteredEvent stored, RegisterDisputeCommand retry,
                                    boolean personalDataErased) {
        return Objects.equals(stored.villageCode(), retry.villageCode())
                && Objects.equals(stored.field(), retry.field())
                && stored.source() == retry.source()
                && (retry.source() != DisputeSource.REFERRAL || stored.referredBy() == retry.referredBy())
                && Objects.equals(stored.summary(), retry.summary())
                && Objects.equals(stored.date(), retry.date())
                && Objects.equals(stored.occurredOn(), retry.occurredOn())
                && stored.peopleInvolved() == retry.peopleInvolved()
                && Dispute.sameAmount(stored.amountInvolved(), retry.amountInvolved())
                && (personalDataErased ? Objects.equals(roles(stored.parties()), roles(retry.parties()))
                                       : Objects.equals(stored.parties(), retry.parties()));
    }

    private static List<PartyRole> roles(List<Party> parties) {
        return parties == null ? null : parties.stream().map(Party::role).toList();
    }
}
