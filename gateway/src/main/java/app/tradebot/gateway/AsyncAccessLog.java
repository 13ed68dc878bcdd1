package app.tradebot.gateway;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Writes the access log ({@value #LOGGER}, one line per request) from a thread of its own. Written
 * on the request's thread, every request queued for the console appender's lock, and one request
 * thread descheduled while holding it held all the others (235 thread-seconds of waiting in a 30 s
 * run, BENCHMARKS §1).
 * <p>
 * Lines go to the same appenders as every other line (the root logger's, as Spring Boot configured
 * them: console, plain or JSON, and the file when one is set), in the same format, with the request's
 * MDC (its id) taken when the line is logged. None is dropped: the queue holds {@value #QUEUE_SIZE}
 * lines (a few seconds of the gateway's peak rate), nothing is discarded when it fills
 * ({@code discardingThreshold} 0), and a full queue makes the request thread wait
 * ({@code neverBlock} false) rather than lose its line. On stop the queue is drained for up to
 * {@value #FLUSH_MILLIS} ms before the logger goes back to writing directly.
 */
final class AsyncAccessLog implements SmartLifecycle {

    static final String LOGGER = "app.tradebot.gateway.access";
    static final int QUEUE_SIZE = 8192;
    static final int FLUSH_MILLIS = 5000;

    private AsyncAppender appender;

    @Override
    public synchronized void start() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another logging backend: lines stay synchronous
        }
        Logger access = context.getLogger(LOGGER);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> targets = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(targets::add);
        if (targets.isEmpty() || access.iteratorForAppenders().hasNext() || !access.isAdditive()) {
            return; // configured by someone else: leave it as it is
        }
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("tradebot-access-log");
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(false);
        async.setMaxFlushTime(FLUSH_MILLIS);
        async.setIncludeCallerData(false);
        for (Appender<ILoggingEvent> target : targets) {
            Borrowed borrowed = new Borrowed(target);
            borrowed.setContext(context);
            borrowed.setName("tradebot-access-log-" + target.getName());
            borrowed.start();
            async.addAppender(borrowed);
        }
        async.start();
        access.addAppender(async);
        access.setAdditive(false);
        appender = async;
    }

    @Override
    public synchronized void stop() {
        if (appender == null) {
            return;
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger access = context.getLogger(LOGGER);
            // Logging reconfigured meanwhile (another context in the same JVM) may have detached it already.
            if (access.detachAppender(appender) && !access.iteratorForAppenders().hasNext()) {
                access.setAdditive(true);
            }
        }
        appender.stop(); // drains the queue
        appender = null;
    }

    /**
     * The root's appender as the asynchronous one sees it: an AsyncAppender stops every appender
     * attached to it when it stops, and the root's own must keep writing every line logged after
     * that (the shutdown's, the embedded servers' last ones).
     */
    private static final class Borrowed extends UnsynchronizedAppenderBase<ILoggingEvent> {

        private final Appender<ILoggingEvent> target;

        Borrowed(Appender<ILoggingEvent> target) {
            this.target = target;
        }

        @Override
        protected void append(ILoggingEvent event) {
            target.doAppend(event);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return appender != null;
    }

    @Override
    public int getPhase() {
        // Started first and stopped last (after the web server's graceful shutdown), so the lines of
        // the last requests still go out.
        return Integer.MIN_VALUE;
    }
}
