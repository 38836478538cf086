package cn.mediation.command.dispute;

/** The client acted on a version of the dispute that is no longer current (If-Match). */
public class StaleVersion extends RuntimeException {

    public StaleVersion(long expected, long actual) {
        super("The dispute is at version " + actual + ", not " + expected + "; reload it and try again");
    }
}
