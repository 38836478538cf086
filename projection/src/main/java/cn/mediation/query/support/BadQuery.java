package cn.mediation.query.support;

/** A query parameter that breaks a rule: answered with 400 naming the parameter. */
public class BadQuery extends RuntimeException {

    public static final int ECHO = 40;

    private final String parameter;
    private final String reason;

    public BadQuery(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
        this.reason = message;
    }

    /** The rule the parameter broke, without the parameter's name. */
    public String reason() {
        return reason;
    }

    /**
     * A value from the request as a message may quote it: at most {@value #ECHO} characters, so that a refusal never
     * sends a huge value back.
     */
    public static String echo(String value) {
        if (value == null || value.length() <= ECHO) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(ECHO - 1)) ? ECHO - 1 : ECHO;
        return value.substring(0, end) + "…";
    }

    public String parameter() {
        return parameter;
    }
}
