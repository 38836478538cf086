package cn.mediation.command.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The refusals' texts in the caller's language: Chinese when the request's {@code Accept-Language} starts with
 * {@code zh} (the pages send it), the English of the code otherwise. Chinese texts are keyed by rule in
 * {@code problems_zh.properties}; a rule without one keeps its English text.
 */
public final class ProblemText {

    private static final Properties CHINESE = load();

    private ProblemText() {
    }

    public static boolean chinese(String acceptLanguage) {
        return acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("zh");
    }

    /** The Chinese text for a key with its arguments, or {@code english} when there is none. */
    public static String zh(String key, String english, List<?> args) {
        String pattern = CHINESE.getProperty(key);
        if (pattern == null) {
            return english;
        }
        Object[] values = args.stream().map(a -> a instanceof Number n ? String.valueOf(n) : translateValue(a))
                              .toArray();
        return new MessageFormat(pattern, Locale.CHINA).format(values);
    }

    public static String zh(String key, String english, Object... args) {
        return zh(key, english, List.of(args));
    }

    private static Object translateValue(Object value) {
        String text = String.valueOf(value);
        return CHINESE.getProperty("level." + text, text);
    }

    /** An error of {@code errors[]} in the caller's language. */
    public static FieldError localized(FieldError error, boolean chinese) {
        if (!chinese) {
            return error;
        }
        return new FieldError(error.field(), error.code(), zh(error.rule(), error.message(), error.args()),
                              error.args());
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = ProblemText.class.getResourceAsStream("problems_zh.properties")) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
