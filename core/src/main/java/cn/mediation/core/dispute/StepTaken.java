package cn.mediation.core.dispute;

import java.time.LocalDate;

/**
 * An event that records one step on a registered dispute, on a business date: every dispute event but the
 * registration and the erasure of personal data. The lifecycle table ({@link DisputeLifecycle#next}) says which of
 * them move the status.
 */
public interface StepTaken {

    String disputeId();

    /** The business date the step was recorded on. */
    LocalDate date();
}
