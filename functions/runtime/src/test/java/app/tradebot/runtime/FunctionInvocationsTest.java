package app.tradebot.runtime;

import java.time.Duration;

import app.tradebot.runtime.FunctionInvocations.Outcome;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FunctionInvocationsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FunctionInvocations invocations = new FunctionInvocations(registry);

    @Test
    void theOutcomeOfAStatusIsItsClass() {
        assertThat(Outcome.of(200)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.of(204)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.of(302)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.of(400)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.of(429)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Outcome.of(500)).isEqualTo(Outcome.ERROR);
        assertThat(Outcome.of(502)).isEqualTo(Outcome.ERROR);
    }

    @Test
    void eachCallIsCountedAndTimedUnderItsFunctionTriggerOutcomeAndException() {
        invocations.record("login", FunctionInvocations.HTTP, Outcome.SUCCESS, null, Duration.ofMillis(30));
        invocations.record("login", FunctionInvocations.HTTP, Outcome.SUCCESS, null, Duration.ofMillis(50));
        invocations.record("recordAuditEvent", FunctionInvocations.QUEUE, Outcome.ERROR,
                new IllegalStateException("boom"), Duration.ofMillis(7));

        Timer login = registry.get(FunctionInvocations.METER).tags("function", "login", "trigger", "http",
                "outcome", "SUCCESS", "exception", "none").timer();
        assertThat(login.count()).isEqualTo(2);
        assertThat(login.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(80.0);
        Timer failed = registry.get(FunctionInvocations.METER).tags("function", "recordAuditEvent", "trigger", "queue",
                "outcome", "ERROR", "exception", "IllegalStateException").timer();
        assertThat(failed.count()).isEqualTo(1);
        assertThat(registry.find(FunctionInvocations.METER).tags("function", "login", "outcome", "ERROR").timer()).isNull();
    }
}
