package cn.mediation.command.web;

/**
 * Who is acting. Until users log in, the actor comes from the {@code X-Actor} header; every command carries it and
 * every event stores it.
 */
public final class Actors {

    public static final String HEADER = "X-Actor";

    private Actors() {
    }

    public static String from(String raw) {
        // HTTP header bytes arrive as ISO-8859-1 characters; clients send names in UTF-8
        String header = raw == null ? null
                : new String(raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                             java.nio.charset.StandardCharsets.UTF_8);
        if (header == null || header.isBlank()) {
            throw InvalidRequest.of(HEADER, "header is required: who is acting");
        }
        if (header.length() > 64 || header.chars().anyMatch(Character::isISOControl)) {
            throw InvalidRequest.of(HEADER, "must be at most 64 printable characters");
        }
        return header.strip();
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
            throw InvalidRequest.of("If-Match", "must be the dispute's version, a whole number");
        }
    }
}
