package cn.mediation.core.dispute;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that mediation succeeded with an agreement. */
public record ResolveDisputeCommand(
        @TargetAggregateIdentifier String disputeId,
        AgreementForm form,
        String terms,
        BigDecimal amount,
        LocalDate date,
        String actor,
        java.util.List<Prevention> prevention) implements DisputeStep {

    public ResolveDisputeCommand(String disputeId, AgreementForm form, String terms, BigDecimal amount,
                                 LocalDate date, String actor) {
        this(disputeId, form, terms, amount, date, actor, null);
    }

    @Override
    public DisputeAction action() {
        return DisputeAction.RESOLVE;
    }
}
