package dev.smskamelets.test;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Captures everything logged while it is open, formatted by the layout of the configured {@code console} appender
 * (so with the same {@code %redact} pipeline users get), with every logger lowered to the given level (default
 * DEBUG, including HttpClient's wire and header loggers). Use in try-with-resources:
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     ... run the code ...
 *     assertThat(logs.text()).doesNotContain(secret);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private static final String NAME = "log-capture";
    private final LoggerContext context;
    private final StringWriter out = new StringWriter();
    private final Map<String, Level> levels = new HashMap<>();
    private final WriterAppender appender;

    private LogCapture(Level level, String pattern) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Appender console = config.getAppender("console");
        StringLayout layout = pattern == null ? (StringLayout) console.getLayout()
                : PatternLayout.newBuilder().withConfiguration(config).withPattern(pattern).build();
        appender = WriterAppender.newBuilder().setName(NAME).setTarget(out).setLayout(layout).build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, null, null);
        for (LoggerConfig logger : config.getLoggers().values()) {
            levels.put(logger.getName(), logger.getLevel());
            logger.setLevel(level);
        }
        context.updateLoggers();
    }

    /** Starts capturing at DEBUG. */
    public static LogCapture start() {
        return new LogCapture(Level.DEBUG, null);
    }

    /** Starts capturing at the given level (e.g. TRACE). */
    public static LogCapture start(Level level) {
        return new LogCapture(level, null);
    }

    /**
     * Captures with a plain layout instead of the configured one (no {@code %redact}), to check what a component
     * masks on its own (e.g. Camel's log mask) before the logging backend's redaction.
     */
    public static LogCapture startUnredacted(Level level, String pattern) {
        return new LogCapture(level, pattern);
    }

    /** Everything captured so far, as the console appender would have written it. */
    public String text() {
        synchronized (out) {
            return out.toString();
        }
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        config.getRootLogger().removeAppender(NAME);
        for (LoggerConfig logger : config.getLoggers().values()) {
            Level old = levels.get(logger.getName());
            if (old != null) {
                logger.setLevel(old);
            }
        }
        context.updateLoggers();
        appender.stop();
    }
}
