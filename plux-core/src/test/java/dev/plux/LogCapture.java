package dev.plux;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger logs, for assertions; close it to detach. Closing also fails the test if a message
 * recorded at any level holds a character plux's messages escape (a control character such as a newline or ESC, a
 * line or paragraph separator, a format character such as U+202E): a file name, an index line or an exception's
 * text reaching the log raw could forge a log line or rewrite the terminal, so every message must escape them.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final boolean additive;

    private LogCapture(String name) {
        this.logger = (Logger) LoggerFactory.getLogger(name);
        this.additive = this.logger.isAdditive();
        this.appender.start();
        this.logger.addAppender(this.appender);
        // expected warnings need not reach the console
        this.logger.setAdditive(false);
    }

    /**
     * Starts recording the logger named after the type.
     *
     * @param type the class whose logger to record
     * @return the capture
     */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName());
    }

    /**
     * Starts recording a logger and every logger below it ({@code "dev.plux"}: all of plux).
     *
     * @param name the logger's name
     * @return the capture
     */
    public static LogCapture of(String name) {
        return new LogCapture(name);
    }

    /**
     * The formatted messages logged at WARN.
     *
     * @return the messages, in order
     */
    public List<String> warnings() {
        return this.appender.list.stream()
            .filter((event) -> event.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    }

    /**
     * The formatted messages logged at ERROR.
     *
     * @return the messages, in order
     */
    public List<String> errors() {
        return this.appender.list.stream()
            .filter((event) -> event.getLevel() == Level.ERROR)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    }

    /**
     * Every event logged.
     *
     * @return the events, in order
     */
    public List<ILoggingEvent> events() {
        return List.copyOf(this.appender.list);
    }

    @Override
    public void close() {
        this.logger.setAdditive(this.additive);
        this.logger.detachAppender(this.appender);
        this.appender.stop();
        List<String> unsafe = this.appender.list.stream()
            .map((event) -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage())
            .filter(LogCapture::holdsUnsafe)
            .toList();
        if (!unsafe.isEmpty()) {
            throw new AssertionError("logged with a character that must be escaped: " + unsafe);
        }
    }

    /** The characters plux escapes in messages (dev.plux.runtime's Escaping, read independently here). */
    private static boolean holdsUnsafe(String message) {
        return message.codePoints().anyMatch((codePoint) -> Character.isISOControl(codePoint)
                || Character.getType(codePoint) == Character.LINE_SEPARATOR
                || Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR
                || Character.getType(codePoint) == Character.FORMAT);
    }
}
