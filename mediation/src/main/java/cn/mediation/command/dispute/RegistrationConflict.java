package cn.mediation.command.dispute;

/** A registration reused the identifier of a dispute registered with different details. */
public class RegistrationConflict extends RuntimeException {

    public RegistrationConflict(String disputeId) {
        super("Dispute " + disputeId + " is already registered with different details");
    }
}
