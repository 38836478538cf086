package cn.mediation.command.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Collects field errors of one request, then refuses it with all of them. */
public final class Violations {

    public static final int ECHO = 40;

    private final List<FieldError> errors = new ArrayList<>();

    public Violations check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    /** A check whose refusal has a stable code ({@code <field>.<rule>}) and a message in every language. */
    public Violations check(boolean ok, String field, String rule, String message, Object... args) {
        if (!ok) {
            errors.add(FieldError.of(field, rule, message, args));
        }
        return this;
    }

    public boolean required(Object value, String field) {
        boolean present = value != null && !(value instanceof String s && s.isBlank());
        check(present, field, "required", "is required");
        return present;
    }

    public Violations maxLength(String value, int max, String field) {
        return check(value == null || value.codePointCount(0, value.length()) <= max, field, "maxLength",
                     "must be at most " + max + " characters", max);
    }

    public Violations amount(BigDecimal value, String field) {
        if (value != null) {
            check(value.signum() >= 0, field, "negative", "must not be negative");
            check(value.scale() <= 2, field, "decimals", "has at most 2 decimal places (yuan and fen)");
            check(value.compareTo(new BigDecimal("1000000000000")) < 0, field, "tooLarge",
                  "must be below 1,000,000,000,000");
        }
        return this;
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

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }
}
