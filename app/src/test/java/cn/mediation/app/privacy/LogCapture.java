package cn.mediation.app.privacy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the application logs while open, at DEBUG for every logger (the MongoDB driver prints the commands it
 * sends), at TRACE for ours and Spring MVC (which prints whole request and response bodies only then): each event's
 * formatted message, its MDC and its exceptions' messages and stack traces. Closing restores the levels.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private static final List<String> LOUD = List.of(Logger.ROOT_LOGGER_NAME, "org.springframework",
                                                     "org.axonframework", "org.mongodb.driver", "de.bwaldvogel",
                                                     "org.axonframework.eventhandling.TrackingEventProcessor");
    /** At TRACE: ours, and Spring MVC, which prints request and response bodies in full only then. */
    private static final List<String> LOUDEST = List.of("cn.mediation", "org.springframework.web");

    private final List<String> lines = new ArrayList<>();
    private final Map<Logger, Level> levels = new LinkedHashMap<>();
    private final Logger root;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        setContext(context);
        setName("personal-data-capture");
        start();
        for (String name : LOUD) {
            Logger logger = context.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        for (String name : LOUDEST) {
            Logger logger = context.getLogger(name);
            levels.put(logger, logger.getLevel());
            logger.setLevel(Level.TRACE);
        }
        root.addAppender(this);
    }

    static LogCapture start(String ignored) {
        return new LogCapture();
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        event.getMDCPropertyMap().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            line.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
            for (StackTraceElementProxy frame : thrown.getStackTraceElementProxyArray()) {
                line.append(' ').append(frame.getSTEAsString());
            }
        }
        lines.add(line.toString());
    }

    /** The lines so far (appending is synchronized on this appender, so is the copy). */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        levels.forEach(Logger::setLevel);
        stop();
    }
}
