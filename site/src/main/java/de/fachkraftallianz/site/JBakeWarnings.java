package de.fachkraftallianz.site;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects what JBake logs at WARN or above while baking. JBake only logs (and then skips) a content file with an
 * invalid header or unknown type, a data file it cannot parse or a data file a template asks for but that does not
 * exist; for this site each of those is a broken build.
 */
final class JBakeWarnings extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> messages = new ArrayList<>();
    private final Logger logger;

    private JBakeWarnings(Logger logger) {
        this.logger = logger;
    }

    /** Starts collecting. Fails if SLF4J is not bound to Logback, as then JBake's warnings would go unseen. */
    static JBakeWarnings capture() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("JBake's warnings cannot be checked: SLF4J is bound to "
                    + LoggerFactory.getILoggerFactory().getClass().getName()
                    + " instead of Logback; exclude the other SLF4J binding from the site's classpath");
        }
        Logger jbake = context.getLogger("org.jbake");
        JBakeWarnings appender = new JBakeWarnings(jbake);
        appender.setContext(context);
        appender.setName("jbake-warnings");
        appender.start();
        jbake.addAppender(appender);
        return appender;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
            messages.add(event.getLoggerName() + ": " + event.getFormattedMessage());
        }
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
