package app.tradebot.platform.lambda;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.validation.constraints.NotNull;
import app.tradebot.platform.messaging.QueueConsumers;

import app.tradebot.TradeBotFunctions;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.Message;

/**
 * The Lambda's start class plus test-only functions: two shaped like {@code authorize}, two queue-triggered tasks that fail. Not a
 * {@code @Configuration}, so no component scan picks it up: only FunctionInvokerIT starts it
 * (through MAIN_CLASS, as FunctionInvoker finds its start class).
 */
@EnableAutoConfiguration
@Import(TradeBotFunctions.class)
class LambdaWithTestFunctions {

    static final String USER_ID = "7f1c1f7e-2b7a-4c61-9d3f-0d7b8a1f2e3c";

    /** Same shape as the real authorizer's response record. */
    record TestAuthorizerResponse(boolean isAuthorized, Map<String, String> context) {
    }

    /** The template's authorizer in lambda/template.yaml. */
    @Bean
    Function<APIGatewayV2HTTPEvent, TestAuthorizerResponse> testAuthorize() {
        return LambdaWithTestFunctions::decide;
    }

    /** The same function, but not named as the authorizer: shows what FunctionInvoker does by itself. */
    @Bean
    Function<APIGatewayV2HTTPEvent, TestAuthorizerResponse> testNotTheAuthorizer() {
        return LambdaWithTestFunctions::decide;
    }

    /** A task message of the queue-triggered test functions. */
    record TestJob(@NotNull String job) {
    }

    /** Attempts the queue-triggered test functions saw, by job. */
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    /** A task whose handler always throws: its messages must end in the DLQ, after a bounded number of attempts. */
    @Bean
    Consumer<Message<byte[]>> testAlwaysFails(QueueConsumers consumers) {
        return consumers.of(TestJob.class, job -> {
            ATTEMPTS.computeIfAbsent(job.job(), k -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("always fails: " + job.job());
        });
    }

    /**
     * A task whose invocation dies in a way no code of ours catches (as a Lambda timeout or an out-of-memory
     * does): the event source mapping returns the message to the queue each time.
     */
    @Bean
    Consumer<Message<byte[]>> testAlwaysCrashes(QueueConsumers consumers) {
        return consumers.of(TestJob.class, job -> {
            ATTEMPTS.computeIfAbsent(job.job(), k -> new AtomicInteger()).incrementAndGet();
            throw new Crash();
        });
    }

    /** Stands for the runtime dying under the function: an Error, which no consumer catches. */
    static final class Crash extends Error {
        Crash() {
            super("the function died");
        }
    }

    private static TestAuthorizerResponse decide(APIGatewayV2HTTPEvent event) {
        String authorization = event.getHeaders() == null ? null : event.getHeaders().get("authorization");
        if ("Bearer good".equals(authorization)) {
            return new TestAuthorizerResponse(true, Map.of("userId", USER_ID));
        }
        return new TestAuthorizerResponse(false, null);
    }
}
