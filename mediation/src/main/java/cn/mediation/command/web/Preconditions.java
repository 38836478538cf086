package cn.mediation.command.web;

/**
 * Request headers that shape a command. Who is acting is not one of them: the actor is the logged-in user (a
 * {@code Caller} argument supplied by the application), never a header or a body field.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /** Parses {@code If-Match: 3} or {@code If-Match: "3"}; null when absent. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidRequest(java.util.List.of(
                    FieldError.of("If-Match", "version", "must be the dispute's version, a whole number")));
        }
    }
}
