package app.tradebot.runtime;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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
    // Each timer resolved once: building its tags and looking it up for every call was a measurable part of
    // the gateway's work per request (two calls each).
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    public FunctionInvocations(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String function, String trigger, Outcome outcome, Throwable error, Duration took) {
        Key key = new Key(function, trigger, outcome, error == null ? NO_EXCEPTION : error.getClass().getSimpleName());
        timers.computeIfAbsent(key, this::timer).record(took);
    }

    private Timer timer(Key key) {
        return Timer.builder(METER)
                .description("Calls of a function by the gateway (http) or the worker (queue)")
                .tag("function", key.function())
                .tag("trigger", key.trigger())
                .tag("outcome", key.outcome().name())
                .tag("exception", key.exception())
                .register(registry);
    }

    // equals and hashCode written out: a record's own go through method handles, which showed in the
    // profile until the JIT had inlined them.
    private record Key(String function, String trigger, Outcome outcome, String exception) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && function.equals(key.function) && trigger.equals(key.trigger)
                    && outcome == key.outcome && exception.equals(key.exception);
        }

        @Override
        public int hashCode() {
            return ((function.hashCode() * 31 + trigger.hashCode()) * 31 + outcome.hashCode()) * 31 + exception.hashCode();
        }
    }
}
