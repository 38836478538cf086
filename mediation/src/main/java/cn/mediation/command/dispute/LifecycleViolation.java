package cn.mediation.command.dispute;

import cn.mediation.core.dispute.DisputeAction;
import cn.mediation.core.dispute.DisputeStatus;

/** A step the dispute's current status does not allow (e.g. resolving a dispute never mediated). */
public class LifecycleViolation extends RuntimeException {

    private final DisputeStatus status;
    private final DisputeAction step;

    public LifecycleViolation(DisputeStatus status, DisputeAction step) {
        super("Cannot " + step.verb() + " a dispute that is " + status + " (" + status.chinese() + ")");
        this.status = status;
        this.step = step;
    }

    public DisputeStatus status() {
        return status;
    }

    /** The step refused. */
    public DisputeAction step() {
        return step;
    }
}
