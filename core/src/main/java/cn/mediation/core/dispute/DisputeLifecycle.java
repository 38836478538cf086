package cn.mediation.core.dispute;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static cn.mediation.core.dispute.DisputeStatus.*;

/**
 * The one lifecycle of a dispute: the status each event leaves it in, and the steps each status allows. The
 * aggregate {@code Dispute}, the case views, the statistics and the API's {@code allowedActions} all read it here.
 *
 * <p>A stored event is a fact: {@link #next} is defined for every status, also for one an event could not have
 * followed (a projection applies what the log holds; the aggregate refuses the command before that).
 */
public final class DisputeLifecycle {

    /** What an event does to a dispute's life: the status it leads to, or none when the status stays. */
    public enum Step {
        REGISTERED(DisputeStatus.REGISTERED),
        ACCEPTED_AT_SCREENING(ACCEPTED),
        DECLINED_AT_SCREENING(DECLINED),
        /** The escalation that follows in the same command moves the status; the screening itself does not. */
        SENT_UP_AT_SCREENING(null),
        MEDIATION_STARTED(MEDIATING),
        SESSION_RECORDED(null),
        RESOLVED(DisputeStatus.RESOLVED),
        FAILED(DisputeStatus.FAILED),
        ESCALATED_UP_A_LEVEL(ESCALATED),
        TRANSFERRED_TO_ANOTHER_CHANNEL(TRANSFERRED),
        ESCALATION_ACCEPTED(ACCEPTED),
        WITHDRAWN(DisputeStatus.WITHDRAWN),
        FULFILMENT_RECORDED(null),
        JUDICIAL_CONFIRMATION_RECORDED(null),
        FOLLOW_UP_RECORDED(null),
        REOPENED(MEDIATING),
        CLOSED(DisputeStatus.CLOSED),
        INCIDENT_RECORDED(null),
        PERSONAL_DATA_ERASED(null);

        private final DisputeStatus target;

        Step(DisputeStatus target) {
            this.target = target;
        }

        /** The status this step leads to whatever the status before, or null when it leaves the status as it is. */
        public DisputeStatus target() {
            return target;
        }

        /** The step a dispute event stands for; null for anything that is not a dispute event. */
        public static Step of(Object event) {
            if (event instanceof DisputeRegisteredEvent) return REGISTERED;
            if (event instanceof DisputeScreenedEvent e) {
                return switch (e.decision()) {
                    case ACCEPT -> ACCEPTED_AT_SCREENING;
                    case DECLINE -> DECLINED_AT_SCREENING;
                    case SEND_UP -> SENT_UP_AT_SCREENING;
                };
            }
            if (event instanceof MediationStartedEvent) return MEDIATION_STARTED;
            if (event instanceof MediationSessionRecordedEvent) return SESSION_RECORDED;
            if (event instanceof DisputeResolvedEvent) return RESOLVED;
            if (event instanceof MediationFailedEvent) return FAILED;
            if (event instanceof DisputeEscalatedEvent e) {
                return e.to().isLevel() ? ESCALATED_UP_A_LEVEL : TRANSFERRED_TO_ANOTHER_CHANNEL;
            }
            if (event instanceof EscalationAcceptedEvent) return ESCALATION_ACCEPTED;
            if (event instanceof DisputeWithdrawnEvent) return WITHDRAWN;
            if (event instanceof FulfilmentRecordedEvent) return FULFILMENT_RECORDED;
            if (event instanceof JudicialConfirmationRecordedEvent) return JUDICIAL_CONFIRMATION_RECORDED;
            if (event instanceof FollowUpRecordedEvent) return FOLLOW_UP_RECORDED;
            if (event instanceof DisputeReopenedEvent) return REOPENED;
            if (event instanceof DisputeClosedEvent) return CLOSED;
            if (event instanceof IncidentRecordedEvent) return INCIDENT_RECORDED;
            if (event instanceof PersonalDataErasedEvent) return PERSONAL_DATA_ERASED;
            return null;
        }
    }

    /** Where a case sits for the person working it: the workbench's tabs. */
    public enum Stage {
        /** 在办: not concluded yet; the overdue clock runs. */
        OPEN(DisputeStatus.REGISTERED, ACCEPTED, MEDIATING, ESCALATED),
        /** 待履行/回访: resolved, waiting for fulfilment, follow-up and closure. */
        RESOLVED(DisputeStatus.RESOLVED),
        /** 调解不成: failed, waiting to be escalated, transferred or closed. */
        FAILED(DisputeStatus.FAILED),
        /** 已办结: closed, withdrawn, declined or transferred out of mediation. */
        FINISHED(DisputeStatus.CLOSED, DisputeStatus.WITHDRAWN, DECLINED, TRANSFERRED);

        private final Set<DisputeStatus> statuses;

        Stage(DisputeStatus... statuses) {
            this.statuses = Collections.unmodifiableSet(EnumSet.of(statuses[0], statuses));
        }

        public Set<DisputeStatus> statuses() {
            return statuses;
        }

        public static Stage of(DisputeStatus status) {
            for (Stage stage : values()) {
                if (stage.statuses.contains(status)) {
                    return stage;
                }
            }
            throw new IllegalArgumentException("no stage for " + status);
        }
    }

    private static final Map<DisputeAction, Set<DisputeStatus>> ALLOWED = new EnumMap<>(DisputeAction.class);

    static {
        ALLOWED.put(DisputeAction.SCREEN, EnumSet.of(DisputeStatus.REGISTERED, ACCEPTED));
        ALLOWED.put(DisputeAction.START_MEDIATION, EnumSet.of(ACCEPTED));
        ALLOWED.put(DisputeAction.RECORD_SESSION, EnumSet.of(MEDIATING));
        ALLOWED.put(DisputeAction.RESOLVE, EnumSet.of(MEDIATING));
        ALLOWED.put(DisputeAction.FAIL, EnumSet.of(MEDIATING));
        ALLOWED.put(DisputeAction.ESCALATE, EnumSet.of(ACCEPTED, MEDIATING, DisputeStatus.FAILED));
        ALLOWED.put(DisputeAction.ACCEPT_ESCALATION, EnumSet.of(ESCALATED));
        ALLOWED.put(DisputeAction.WITHDRAW, EnumSet.of(DisputeStatus.REGISTERED, ACCEPTED, MEDIATING, ESCALATED,
                                                       DisputeStatus.FAILED));
        ALLOWED.put(DisputeAction.RECORD_FULFILMENT, EnumSet.of(DisputeStatus.RESOLVED));
        ALLOWED.put(DisputeAction.RECORD_JUDICIAL_CONFIRMATION, EnumSet.of(DisputeStatus.RESOLVED));
        // after a close too, but only when the case ended in a resolution (see allowedActions)
        ALLOWED.put(DisputeAction.RECORD_FOLLOW_UP, EnumSet.of(DisputeStatus.RESOLVED, DisputeStatus.CLOSED));
        // only when the agreement was recorded as not fulfilled (see canReopen)
        ALLOWED.put(DisputeAction.REOPEN, EnumSet.of(DisputeStatus.RESOLVED));
        ALLOWED.put(DisputeAction.CLOSE, EnumSet.of(DisputeStatus.RESOLVED, DisputeStatus.FAILED, DECLINED,
                                                    TRANSFERRED, DisputeStatus.WITHDRAWN));
        ALLOWED.put(DisputeAction.RECORD_INCIDENT, EnumSet.allOf(DisputeStatus.class));
        ALLOWED.put(DisputeAction.ERASE_PERSONAL_DATA, EnumSet.allOf(DisputeStatus.class));
    }

    private DisputeLifecycle() {
    }

    /** The status after a step: its target, or the status before when the step leaves it. */
    public static DisputeStatus next(DisputeStatus before, Step step) {
        return step.target() == null ? before : step.target();
    }

    /** The status after an event; unknown payloads leave it. */
    public static DisputeStatus next(DisputeStatus before, Object event) {
        Step step = Step.of(event);
        return step == null ? before : next(before, step);
    }

    /** Whether a dispute's status allows the step at all (finer rules: {@link #allowedActions}). */
    public static boolean permits(DisputeStatus status, DisputeAction action) {
        return ALLOWED.get(action).contains(status);
    }

    /** The statuses a step may be taken in. */
    public static Set<DisputeStatus> statusesFor(DisputeAction action) {
        return Collections.unmodifiableSet(ALLOWED.get(action));
    }

    /** Open: not concluded, counted as open and watched for the overdue limit. */
    public static boolean isOpen(DisputeStatus status) {
        return Stage.OPEN.statuses().contains(status);
    }

    /** A follow-up visit needs a resolution as the latest outcome, also after the case was closed. */
    public static boolean canRecordFollowUp(DisputeStatus status, boolean resolvedOutcome) {
        return resolvedOutcome && permits(status, DisputeAction.RECORD_FOLLOW_UP);
    }

    /** Reopening needs the agreement recorded as not fulfilled. */
    public static boolean canReopen(Boolean lastFulfilment) {
        return Boolean.FALSE.equals(lastFulfilment);
    }

    /**
     * The steps a dispute in this situation takes, by the lifecycle alone (who may take them is the caller's
     * role and area, checked apart).
     */
    public static Set<DisputeAction> allowedActions(DisputeStatus status, boolean resolvedOutcome,
                                                    Boolean lastFulfilment) {
        Set<DisputeAction> allowed = EnumSet.noneOf(DisputeAction.class);
        for (DisputeAction action : DisputeAction.values()) {
            boolean ok = switch (action) {
                case RECORD_FOLLOW_UP -> canRecordFollowUp(status, resolvedOutcome);
                case REOPEN -> permits(status, action) && canReopen(lastFulfilment);
                default -> permits(status, action);
            };
            if (ok) {
                allowed.add(action);
            }
        }
        return allowed;
    }
}
