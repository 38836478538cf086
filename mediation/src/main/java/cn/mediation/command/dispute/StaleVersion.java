package cn.mediation.command.dispute;

/** The client acted on a version of the dispute that is no longer current (If-Match). */
public class StaleVersion extends RuntimeException {

    private final long expected;
    private final long actual;

    public StaleVersion(long expected, long actual) {
        super("The dispute is at version " + actual + ", not " + expected + "; reload it and try again");
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
