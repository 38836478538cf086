package cn.mediation.command.dispute;

import cn.mediation.core.dispute.*;
import cn.mediation.core.region.RegionCode;
import cn.mediation.core.region.RegionLevel;
import cn.mediation.core.access.OutOfJurisdiction;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import static cn.mediation.core.dispute.DisputeStatus.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One dispute (矛盾纠纷) through its whole life. Handlers check, then apply; state changes only in the event
 * sourcing handlers. No clock and no randomness here: dates, case number and actor come in on the command.
 */
@Aggregate(snapshotTriggerDefinition = "disputeSnapshotTrigger")
public class Dispute {

    public static final String EXPECTED_VERSION = "expectedVersion";
    /**
     * The region a command's sender may act in (12-digit code), set from the logged-in user by the web edge.
     * Commands sent from inside the application (sample data, fixtures) carry none and are not limited.
     */
    public static final String ACTOR_SCOPE = "actorScope";

    @AggregateIdentifier
    private String disputeId;
    private long version;
    private DisputeRegisteredEvent registration;
    private DisputeStatus status;
    private RegionLevel handlingLevel;
    private String handlingUnit;
    private EscalationTarget pendingEscalation;
    private LocalDate latestDate;
    /** True while the latest outcome is a resolution (a reopening or a failure clears it). */
    private boolean resolvedOutcome;
    private Boolean lastFulfilment;
    private boolean personalDataErased;

    protected Dispute() {
    }

    // ------------------------------------------------------------------ before every command

    /**
     * Runs before every command handler, in this order: the sender's jurisdiction, then for a step on a registered
     * dispute ({@link DisputeStep}) the version the sender expects, whether the status allows the step, and the
     * business date. The handlers check only their own rules after that.
     */
    @CommandHandlerInterceptor
    void beforeCommand(CommandMessage<?> command, @MetaDataValue(ACTOR_SCOPE) String scope,
                       @MetaDataValue(EXPECTED_VERSION) Long expected) {
        checkJurisdiction(command.getPayload(), scope);
        if (command.getPayload() instanceof DisputeStep step) {
            checkVersion(expected);
            requireStatus(step.action());
            // an erasure is not a step of the case: its date neither is checked nor moves the latest date
            if (step.action() != DisputeAction.ERASE_PERSONAL_DATA) {
                checkDate(step.date());
            }
        }
    }

    /**
     * A mediator acts on a dispute whose current handling unit lies inside its scope; the escalation's acceptance
     * belongs to the receiving centre; an erasure of personal data to the area where the case arose. Checked here,
     * on the state the command runs against, so a dispute that moved up a level a moment ago is no longer the
     * village's to act on.
     */
    private void checkJurisdiction(Object payload, String scope) {
        if (scope == null || registration == null) {
            return;
        }
        DisputeAction action = payload instanceof ErasePersonalDataCommand
                ? DisputeAction.ERASE_PERSONAL_DATA
                : payload instanceof AcceptEscalationCommand ? DisputeAction.ACCEPT_ESCALATION : null;
        String pendingUnit = pendingEscalation != null && pendingEscalation.isLevel()
                ? unitAt(pendingEscalation.level()) : null;
        if (!DisputeJurisdiction.withinArea(RegionCode.of(scope), action, registration.villageCode(), handlingUnit,
                                            pendingUnit)) {
            throw new OutOfJurisdiction("id");
        }
    }

    // ------------------------------------------------------------------ register

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RegistrationResult handle(RegisterDisputeCommand command) {
        if (registration != null) {
            if (!RegistrationPolicy.sameRegistration(registration, command, personalDataErased)) {
                throw new RegistrationConflict(command.disputeId());
            }
            return new RegistrationResult(disputeId, registration.caseNumber(), status, version, false);
        }
        RegistrationPolicy.check(command);
        apply(new DisputeRegisteredEvent(command.disputeId(), command.caseNumber(), command.committeeId(),
                                         command.villageCode(), command.field(), command.source(), command.summary(),
                                         command.date(), command.occurredOn(), command.peopleInvolved(),
                                         command.amountInvolved(), List.copyOf(command.parties()), command.actor(),
                                         command.source() == DisputeSource.REFERRAL ? command.referredBy() : null));
        return new RegistrationResult(disputeId, command.caseNumber(), status, version, true);
    }

    // ------------------------------------------------------------------ screen

    @CommandHandler
    public CommandResult handle(ScreenDisputeCommand command) {
        if (command.decision() != ScreeningDecision.ACCEPT && status != REGISTERED) {
            throw new RuleViolation("decision", "acceptedOnlyRegrades", "A dispute already accepted can only be re-graded (decision ACCEPT)");
        }
        if (command.decision() == ScreeningDecision.DECLINE && blank(command.reason())) {
            throw new RuleViolation("reason", "declineNeedsReason", "Declining a dispute needs a reason (e.g. already before a court)");
        }
        apply(new DisputeScreenedEvent(disputeId, command.grade(), command.decision(), command.reason(),
                                       command.groupRisk(), command.criminalRisk(), command.date(), command.actor()));
        if (command.decision() == ScreeningDecision.SEND_UP) {
            escalateUp(blank(command.reason()) ? "screening: sent straight up" : command.reason(),
                       command.date(), command.actor());
        }
        return result();
    }

    // ------------------------------------------------------------------ mediate

    @CommandHandler
    public CommandResult handle(StartMediationCommand command) {
        if (command.mediatorIds() == null || command.mediatorIds().isEmpty()) {
            throw new RuleViolation("mediatorIds", "atLeastOne", "Mediation needs at least one mediator");
        }
        boolean committeeOfHandlingUnit = handlingUnit.equals(command.committeeRegionCode())
                && command.committeeField() == null;
        boolean industryCommitteeOfField = registration.field().equals(command.committeeField());
        if (!committeeOfHandlingUnit && !industryCommitteeOfField) {
            throw new RuleViolation("committeeId", "notHandlingCommittee", "Committee " + command.committeeId()
                    + " is neither the committee of the handling unit " + handlingUnit
                    + " nor an industry committee of the field " + registration.field());
        }
        apply(new MediationStartedEvent(disputeId, command.committeeId(), List.copyOf(command.mediatorIds()),
                                        command.channel(), handlingLevel, handlingUnit, command.date(),
                                        command.actor()));
        return result();
    }

    @CommandHandler
    public CommandResult handle(RecordMediationSessionCommand command) {
        apply(new MediationSessionRecordedEvent(disputeId, List.copyOf(command.attendees()), command.notes(),
                                                command.date(), command.actor()));
        return result();
    }

    @CommandHandler
    public CommandResult handle(ResolveDisputeCommand command) {
        if (command.amount() != null && command.amount().signum() < 0) {
            throw new RuleViolation("amount", "negative", "The agreed amount cannot be negative");
        }
        apply(new DisputeResolvedEvent(disputeId, command.form(), command.terms(), command.amount(), handlingLevel,
                                       handlingUnit, command.date(), command.actor(),
                                       command.prevention() == null ? null : List.copyOf(command.prevention())));
        return result();
    }

    @CommandHandler
    public CommandResult handle(FailMediationCommand command) {
        apply(new MediationFailedEvent(disputeId, command.reason(), handlingLevel, handlingUnit, command.date(),
                                       command.actor()));
        return result();
    }

    // ------------------------------------------------------------------ escalate

    @CommandHandler
    public CommandResult handle(EscalateDisputeCommand command) {
        EscalationTarget target = command.to();
        if (target.isLevel()) {
            RegionLevel next = EscalationPolicy.nextLevelUp(handlingLevel);
            if (next == null) {
                throw new RuleViolation("to", "cityOnlyTransfers", "The dispute is handled at the city level; it can only go to another channel");
            }
            if (target.level() != next) {
                throw new RuleViolation("to", "oneLevelUp", "A dispute handled at the " + handlingLevel + " level goes up one level, to "
                        + next + ", not to " + target, next);
            }
            applyEscalation(target, command.reason(), command.date(), command.actor());
        } else {
            applyEscalation(target, command.reason(), command.date(), command.actor());
        }
        return result();
    }

    @CommandHandler
    public CommandResult handle(AcceptEscalationCommand command) {
        RegionLevel level = pendingEscalation.level();
        apply(new EscalationAcceptedEvent(disputeId, level, unitAt(level), command.date(), command.actor()));
        return result();
    }

    private void escalateUp(String reason, LocalDate date, String actor) {
        RegionLevel next = EscalationPolicy.nextLevelUp(handlingLevel);
        applyEscalation(EscalationTarget.forLevel(next), reason, date, actor);
    }

    private void applyEscalation(EscalationTarget target, String reason, LocalDate date, String actor) {
        String toUnit = target.isLevel() ? unitAt(target.level()) : null;
        apply(new DisputeEscalatedEvent(disputeId, handlingLevel, handlingUnit, target, toUnit, reason, date, actor));
    }

    private String unitAt(RegionLevel level) {
        return new RegionCode(registration.villageCode()).ancestorAt(level).value();
    }

    // ------------------------------------------------------------------ after the outcome

    @CommandHandler
    public CommandResult handle(WithdrawDisputeCommand command) {
        apply(new DisputeWithdrawnEvent(disputeId, command.reason(), command.date(), command.actor()));
        return result();
    }

    @CommandHandler
    public CommandResult handle(RecordFulfilmentCommand command) {
        apply(new FulfilmentRecordedEvent(disputeId, command.fulfilled(), command.date(), command.actor()));
        return result();
    }

    @CommandHandler
    public CommandResult handle(RecordJudicialConfirmationCommand command) {
        apply(new JudicialConfirmationRecordedEvent(disputeId, command.court(), command.date(), command.actor()));
        return result();
    }

    @CommandHandler
    public CommandResult handle(RecordFollowUpCommand command) {
        if (command.satisfaction() < 1 || command.satisfaction() > 5) {
            throw new RuleViolation("satisfaction", "range", "Satisfaction is a whole number from 1 to 5");
        }
        apply(new FollowUpRecordedEvent(disputeId, command.satisfaction(), command.notes(), command.date(),
                                        command.actor()));
        return result();
    }

    @CommandHandler
    public CommandResult handle(ReopenDisputeCommand command) {
        if (!DisputeLifecycle.canReopen(lastFulfilment)) {
            throw new RuleViolation("reason", "reopenNeedsUnfulfilled", "Only a dispute whose agreement was recorded as not fulfilled can be reopened");
        }
        apply(new DisputeReopenedEvent(disputeId, command.reason(), command.date(), command.actor()));
        return result();
    }

    @CommandHandler
    public CommandResult handle(CloseDisputeCommand command) {
        apply(new DisputeClosedEvent(disputeId, command.reason(), command.date(), command.actor()));
        return result();
    }

    @CommandHandler
    public CommandResult handle(RecordIncidentCommand command) {
        apply(new IncidentRecordedEvent(disputeId, command.kind(), command.notes(), command.date(), command.actor()));
        return result();
    }

    // ------------------------------------------------------------------ personal data

    /**
     * Records the erasure in any state; the key itself is deleted at the edge once this is stored (the event is
     * the record that it was asked for and by whom). Erasing again records nothing.
     */
    @CommandHandler
    public CommandResult handle(ErasePersonalDataCommand command) {
        if (!personalDataErased) {
            apply(new PersonalDataErasedEvent(disputeId, command.date(), command.actor()));
        }
        return result();
    }

    // ------------------------------------------------------------------ rules

    private void checkVersion(Long expected) {
        if (expected != null && expected != version) {
            throw new StaleVersion(expected, version);
        }
    }

    /**
     * Whether the dispute's status allows the step, by the lifecycle table. An incident and an erasure are recorded
     * in any status; a follow-up visit needs a resolution as the latest outcome as well.
     */
    private void requireStatus(DisputeAction step) {
        boolean allowed = switch (step) {
            case RECORD_INCIDENT, ERASE_PERSONAL_DATA -> true;
            case RECORD_FOLLOW_UP -> DisputeLifecycle.canRecordFollowUp(status, resolvedOutcome);
            default -> DisputeLifecycle.permits(status, step);
        };
        if (!allowed) {
            throw new LifecycleViolation(status, step);
        }
    }

    private void checkDate(LocalDate date) {
        if (date.isBefore(latestDate)) {
            throw new RuleViolation("date", "beforeLatest", "The date " + date
                    + " is before this case's latest recorded date " + latestDate, date, latestDate);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private CommandResult result() {
        return new CommandResult(disputeId, status, version);
    }

    // ------------------------------------------------------------------ state

    @EventSourcingHandler
    void on(DisputeRegisteredEvent event, @SequenceNumber long sequence) {
        disputeId = event.disputeId();
        registration = event;
        status = DisputeLifecycle.next(null, event);
        handlingLevel = RegionLevel.VILLAGE;
        handlingUnit = event.villageCode();
        latestDate = event.date();
        version = sequence;
    }

    /**
     * Every step: the status the lifecycle table gives, what the step itself changes, and the latest date and the
     * version.
     */
    @EventSourcingHandler
    void on(StepTaken event, @SequenceNumber long sequence) {
        status = DisputeLifecycle.next(status, event);
        if (event instanceof DisputeResolvedEvent) {
            resolvedOutcome = true;
            lastFulfilment = null;
        } else if (event instanceof MediationFailedEvent) {
            resolvedOutcome = false;
        } else if (event instanceof DisputeReopenedEvent) {
            resolvedOutcome = false;
            lastFulfilment = null;
        } else if (event instanceof FulfilmentRecordedEvent fulfilment) {
            lastFulfilment = fulfilment.fulfilled();
        } else if (event instanceof DisputeEscalatedEvent escalation && escalation.to().isLevel()) {
            pendingEscalation = escalation.to();
        } else if (event instanceof EscalationAcceptedEvent accepted) {
            handlingLevel = accepted.level();
            handlingUnit = accepted.unit();
            pendingEscalation = null;
        }
        if (event.date().isAfter(latestDate)) {
            latestDate = event.date();
        }
        version = sequence;
    }

    /** Not a step of the case: neither its status nor its latest date moves. */
    @EventSourcingHandler
    void on(PersonalDataErasedEvent event, @SequenceNumber long sequence) {
        personalDataErased = true;
        // a snapshot taken from now on holds no personal data, whatever the store does
        registration = new DisputeRegisteredEvent(
                registration.disputeId(), registration.caseNumber(), registration.committeeId(),
                registration.villageCode(), registration.field(), registration.source(), registration.summary(),
                registration.date(), registration.occurredOn(), registration.peopleInvolved(),
                registration.amountInvolved(), registration.parties().stream().map(Party::withoutPersonalData).toList(),
                registration.actor(), registration.referredBy());
        version = sequence;
    }

    // for tests and the property test
    DisputeStatus status() {
        return status;
    }

    RegionLevel handlingLevel() {
        return handlingLevel;
    }

    String handlingUnit() {
        return handlingUnit;
    }

    long version() {
        return version;
    }

    DisputeRegisteredEvent registration() {
        return registration;
    }

    static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || (a != null && b != null && a.compareTo(b) == 0);
    }
}
