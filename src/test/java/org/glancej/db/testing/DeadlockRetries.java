package org.glancej.db.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.glancej.db.Jdbc;
import org.slf4j.LoggerFactory;

/**
 * Counts the transactions {@link Jdbc} ran again after losing a deadlock, from its log line: a retry hides the
 * deadlock from the caller, so the log is where a test sees it. Open around the work, read, then close.
 */
public final class DeadlockRetries implements AutoCloseable {
    private final Logger jdbc = (Logger) LoggerFactory.getLogger(Jdbc.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Level level = jdbc.getLevel();

    public DeadlockRetries() {
        events.start();
        jdbc.addAppender(events);
        jdbc.setLevel(Level.INFO);
    }

    /** The retry messages logged since this was opened. */
    public List<String> logged() {
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("deadlock"))
                .toList();
    }

    @Override
    public void close() {
        jdbc.detachAppender(events);
        jdbc.setLevel(level);
        events.stop();
    }
}
