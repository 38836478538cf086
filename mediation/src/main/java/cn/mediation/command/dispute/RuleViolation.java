package cn.mediation.command.dispute;

import java.util.List;

/**
 * A business rule refused a command; names the request field the rule concerns and the rule (the error's code is
 * {@code <field>.<rule>}; its message in each language is keyed by the rule).
 */
public class RuleViolation extends RuntimeException {

    private final String field;
    private final String rule;
    private final List<Object> args;

    public RuleViolation(String field, String rule, String message, Object... args) {
        super(message);
        this.field = field;
        this.rule = rule;
        this.args = List.of(args);
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    public List<Object> args() {
        return args;
    }
}
