package cn.mediation.core.region;

/** A row of the region CSV that cannot be accepted; names the line. */
public class MalformedRegionRowException extends RuntimeException {

    private final int line;

    public MalformedRegionRowException(int line, String problem) {
        super("region directory line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
