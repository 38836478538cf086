package cn.mediation.core.dispute;

import java.time.LocalDate;

/**
 * A command that takes one step on a registered dispute: every dispute command but the registration. The dispute
 * checks each one in one place before its handler runs: the version the sender expects, whether the dispute's status
 * allows {@link #action()}, and that {@link #date()} is not before the case's latest date. (Not named
 * {@code ...Command}: it is no message of its own.)
 */
public interface DisputeStep {

    String disputeId();

    /** The step this command takes. */
    DisputeAction action();

    /** The business date the step is recorded on. */
    LocalDate date();
}
