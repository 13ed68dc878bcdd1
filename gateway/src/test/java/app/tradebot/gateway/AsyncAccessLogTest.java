package app.tradebot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AsyncAccessLogTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listenOnTheRoot() {
        lines.setContext(context);
        lines.setName("async-access-log-test");
        lines.start();
        root.addAppender(lines);
    }

    @AfterEach
    void detach() {
        root.detachAppender(lines);
        lines.stop();
    }

    /** Logback's AsyncAppender stops the appenders attached to it when it stops: the root's must not be among them. */
    @Test
    void stoppingTheAccessLogLeavesTheRootsAppendersWriting() {
        AsyncAccessLog log = new AsyncAccessLog();
        log.start();
        assertThat(log.isRunning()).isTrue();
        assertThat(context.getLogger(AsyncAccessLog.LOGGER).isAdditive()).isFalse();

        log.stop();

        assertThat(log.isRunning()).isFalse();
        assertThat(context.getLogger(AsyncAccessLog.LOGGER).isAdditive()).as("the access log writes directly again").isTrue();
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders).contains(lines).allMatch(Appender::isStarted, "started");
    }
}
