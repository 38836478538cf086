package cn.mediation.command.web;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * One problem with one field of a request: the field, a stable {@code code} clients match on (the field's last name
 * and the rule, e.g. {@code idNumber.checkDigit}) and the message a person reads ({@link ProblemText} puts it in
 * the caller's language, filling in {@code args}).
 */
public record FieldError(String field, String code, String message, @JsonIgnore List<Object> args) {

    public FieldError(String field, String message) {
        this(field, codeOf(field, "invalid"), message, List.of());
    }

    public static FieldError of(String field, String rule, String message, Object... args) {
        return new FieldError(field, codeOf(field, rule), message, List.of(args));
    }

    /** {@code parties[0].idNumber} and {@code checkDigit} make {@code idNumber.checkDigit}. */
    public static String codeOf(String field, String rule) {
        if (field == null) {
            return rule;
        }
        String leaf = field.substring(field.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "");
        return leaf + "." + rule;
    }

    /** The rule part of the code, which names the message. */
    public String rule() {
        return code.substring(code.indexOf('.') + 1);
    }
}
