package cn.mediation.core.access;

/**
 * A request reaches outside what the caller may see or do (HTTP 403). The message names the request's field at
 * most, never anything about the record that was refused, so a refusal tells nothing about other areas' cases.
 */
public class OutOfJurisdiction extends RuntimeException {

    private final String field;

    public OutOfJurisdiction(String field) {
        super(field == null ? "Your role does not allow this request"
                : field + " lies outside your jurisdiction");
        this.field = field;
    }

    /** The request field that reaches too far, or null when the role itself is not allowed. */
    public String field() {
        return field;
    }
}
