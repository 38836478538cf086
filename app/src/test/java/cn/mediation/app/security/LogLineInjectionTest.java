package cn.mediation.app.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import cn.mediation.app.support.AppTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line break in a request value (a login name, a {@code lang}, a path, a query value) never starts a line of the
 * log, at any level: whoever sends one cannot forge a log line. The log is read as production writes it: the
 * tests' own logback configuration is plain, so the lines are also written with the application's console pattern
 * ({@code logging.pattern.console}).
 */
@ExtendWith(OutputCaptureExtension.class)
class LogLineInjectionTest extends AppTestBase {

    @org.springframework.beans.factory.annotation.Value("${logging.pattern.console}")
    private String productionPattern;

    private static final String FORGED = "2026-01-01T00:00:00.000+08:00  WARN FORGED-LOG-LINE";
    private static final String CRLF = "%0d%0a";
    private static final String ENCODED = CRLF + FORGED.replace(" ", "%20").replace(":", "%3A").replace("+", "%2B");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final List<String> LOUD = List.of("org.springframework.security", "org.springframework.web",
                                                     "org.apache.catalina", "org.apache.coyote", "org.apache.tomcat",
                                                     "cn.mediation");

    @Test
    void crLfInRequestValuesNeverStartsALogLine(CapturedOutput output) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Map<Logger, Level> levels = new LinkedHashMap<>();
        for (String name : LOUD) {
            Logger logger = context.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        List<Integer> statuses = new ArrayList<>();
        java.io.ByteArrayOutputStream production = new java.io.ByteArrayOutputStream();
        ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                productionAppender(context, production);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        try {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                                        .followRedirects(HttpClient.Redirect.NEVER).build();
            // the login page's form, with its CSRF token
            HttpResponse<String> page = http.send(at("/login").GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF_FIELD.matcher(page.body());
            assertThat(token.find()).isTrue();
            String form = "username=mediator" + ENCODED + "&password=wrong&_csrf=" + token.group(1);
            statuses.add(http.send(at("/login").header("Content-Type", "application/x-www-form-urlencoded")
                                               .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                                   HttpResponse.BodyHandlers.ofString()).statusCode());
            // HTTP Basic: the name is base64 in the header, so it may hold raw line breaks
            String basic = Base64.getEncoder().encodeToString(("mediator\r\n" + FORGED + ":wrong").getBytes());
            statuses.add(send(http, at("/api/fields").header("Authorization", "Basic " + basic)));
            // lang on a page and on the API, logged in
            statuses.add(send(http, at("/login?lang=en" + ENCODED)));
            statuses.add(send(http, at("/api/fields?lang=en" + ENCODED).header("Authorization", basic(AUDITOR))));
            // paths and query values the API refuses
            statuses.add(send(http, at("/api/disputes/x" + ENCODED).header("Authorization", basic(AUDITOR))));
            statuses.add(send(http, at("/api/disputes/x" + ENCODED + "/history").header("Authorization", basic(AUDITOR))));
            statuses.add(send(http, at("/api/no-such" + ENCODED).header("Authorization", basic(AUDITOR))));
            statuses.add(send(http, at("/api/statistics?region=x" + ENCODED).header("Authorization", basic(AUDITOR))));
            statuses.add(send(http, at("/api/disputes?from=x" + ENCODED).header("Authorization", basic(AUDITOR))));
        } finally {
            levels.forEach(Logger::setLevel);
            root.detachAppender(appender);
            appender.stop();
        }
        assertThat(statuses).as("every request was answered").allSatisfy(s -> assertThat(s).isBetween(200, 499));
        String written = production.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).as("the values reached the log (else this test shows nothing)").contains("FORGED-LOG-LINE");
        // as production writes it, and as the tests' plain pattern does (no message carries a line break sent)
        for (String log : List.of(written, output.getAll())) {
            assertThat(log.split("\\r|\\n")).as("a log line that a request value starts")
                    .noneMatch(line -> line.strip().toLowerCase(java.util.Locale.ROOT).startsWith("2026-01-01t00")
                                       || line.strip().toLowerCase(java.util.Locale.ROOT).startsWith("warn forged"));
        }
    }

    @Test
    void aLineBreakInAnExceptionsMessageDoesNotStartALineEitherAndTheStackTraceKeepsItsLines() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        java.io.ByteArrayOutputStream production = new java.io.ByteArrayOutputStream();
        ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                productionAppender(context, production);
        Logger logger = context.getLogger(LogLineInjectionTest.class);
        logger.addAppender(appender);
        try {
            // as a handler would log an unexpected exception whose message quotes a request value
            logger.error("Unexpected error while handling a request", new IllegalStateException(
                    "cannot use value x\r\n" + FORGED, new IllegalArgumentException("x\n" + FORGED)));
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }
        String written = production.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).contains("FORGED-LOG-LINE");
        assertThat(written.split("\\r|\\n")).noneMatch(line -> line.startsWith(FORGED.substring(0, 13)));
        assertThat(written.lines().filter(line -> line.startsWith("\tat ")).count()).as("frames on lines of their own")
                                                                                 .isGreaterThan(5);
        assertThat(written.lines()).anySatisfy(line -> assertThat(line).startsWith("Caused by: "));
    }

    /** An appender writing what the application's console pattern gives, Spring Boot's conversion words included. */
    @SuppressWarnings("unchecked")
    private ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> productionAppender(
            LoggerContext context, java.io.OutputStream to) {
        Map<String, String> rules = (Map<String, String>) context.getObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new java.util.HashMap<>();
            context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.putIfAbsent("wEx", org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter.class.getName());
        ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(productionPattern);
        encoder.start();
        ch.qos.logback.core.OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("production-pattern");
        appender.setEncoder(encoder);
        appender.setOutputStream(to);
        appender.start();
        return appender;
    }

    private int send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }
}
