package cn.mediation.command.dispute;

/** A business rule refused a command; names the request field the rule concerns. */
public class RuleViolation extends RuntimeException {

    private final String field;

    public RuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
