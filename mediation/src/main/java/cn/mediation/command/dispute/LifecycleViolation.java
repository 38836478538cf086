package cn.mediation.command.dispute;

import cn.mediation.core.dispute.DisputeStatus;

/** A step the dispute's current status does not allow (e.g. resolving a dispute never mediated). */
public class LifecycleViolation extends RuntimeException {

    private final DisputeStatus status;

    public LifecycleViolation(DisputeStatus status, String action) {
        super("Cannot " + action + " a dispute that is " + status + " (" + status.chinese() + ")");
        this.status = status;
    }

    public DisputeStatus status() {
        return status;
    }
}
