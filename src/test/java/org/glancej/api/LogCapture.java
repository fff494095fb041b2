package org.glancej.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * Collects what the service logs at WARN and above, through SLF4J (the service's own logging) and through
 * java.util.logging (the web server's), so tests can say that a client's fault logged no error.
 */
final class LogCapture implements AutoCloseable {
    /** One logged event: its level, logger, message, and whether it carried a stack trace. */
    record Event(String level, String logger, String message, boolean stackTrace) {
        boolean isErrorOrTrace() {
            return level.equals("ERROR") || level.equals("SEVERE") || stackTrace;
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final ch.qos.logback.classic.Logger root =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> slf4j = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent e) {
            if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                events.add(new Event(e.getLevel().toString(), e.getLoggerName(), e.getFormattedMessage(),
                        e.getThrowableProxy() != null));
            }
        }
    };
    private final Handler jul = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                events.add(new Event(r.getLevel().getName(), r.getLoggerName(), r.getMessage(), r.getThrown() != null));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    LogCapture() {
        slf4j.start();
        root.addAppender(slf4j);
        java.util.logging.Logger.getLogger("").addHandler(jul);
    }

    /** Errors and stack traces logged since this capture began. */
    List<Event> errorsOrStackTraces() {
        return events.stream().filter(Event::isErrorOrTrace).toList();
    }

    @Override
    public void close() {
        root.detachAppender(slf4j);
        java.util.logging.Logger.getLogger("").removeHandler(jul);
    }
}
