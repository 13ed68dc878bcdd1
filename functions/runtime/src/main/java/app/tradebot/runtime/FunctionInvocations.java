package app.tradebot.runtime;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One timer for every call of a function, whoever makes it: {@value #METER} tagged with the
 * function's name, its trigger ({@code http} from the gateway, {@code queue} from the worker),
 * the outcome and the exception's simple name ({@code none} when it did not throw). On
 * /actuator/prometheus it is {@code tradebot_function_invocations_seconds_count|sum|max} (and
 * {@code _bucket}): invocations, latency, and errors as the count of {@code outcome="ERROR"}.
 */
public final class FunctionInvocations {

    public static final String METER = "tradebot.function.invocations";
    public static final String HTTP = "http";
    public static final String QUEUE = "queue";
    static final String NO_EXCEPTION = "none";

    /** SUCCESS; CLIENT_ERROR for the caller's fault (4xx, an undecodable message); ERROR for the function's. */
    public enum Outcome {
        SUCCESS, CLIENT_ERROR, ERROR;

        /** The outcome an HTTP status says: 5xx ERROR, 4xx CLIENT_ERROR, anything else SUCCESS. */
        public static Outcome of(int status) {
            if (status >= 500) {
                return ERROR;
            }
            return status >= 400 ? CLIENT_ERROR : SUCCESS;
        }
    }

    private final MeterRegistry registry;

    public FunctionInvocations(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String function, String trigger, Outcome outcome, Throwable error, Duration took) {
        Timer.builder(METER)
                .description("Calls of a function by the gateway (http) or the worker (queue)")
                .tag("function", function)
                .tag("trigger", trigger)
                .tag("outcome", outcome.name())
                .tag("exception", error == null ? NO_EXCEPTION : error.getClass().getSimpleName())
                .register(registry)
                .record(took);
    }
}
