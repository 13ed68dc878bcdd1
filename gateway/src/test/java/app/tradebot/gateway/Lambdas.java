package app.tradebot.gateway;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Runs template functions as AWS Lambda does, in this JVM: {@code FunctionInvoker::handleRequest}
 * with the bean name in SPRING_CLOUD_FUNCTION_DEFINITION (here the equivalent system property) and
 * SPRING_CLOUD_STREAM_FUNCTION_AUTODETECT=false, as template.yaml's Globals set them. One invoker,
 * and so one application context, per function, as one Lambda per function.
 */
final class Lambdas {

    /** The HS512 key of every context in these tests, so a token one issues another accepts. */
    static final String SECRET_KEY = "parity-secret-key-for-tradebot-gateway-tests-0123456789-abcdefghijklmnop";

    private static final Map<String, FunctionInvoker> INVOKERS = new ConcurrentHashMap<>();

    private Lambdas() {
    }

    /** The function's raw answer, as Lambda would hand it to API Gateway. */
    static synchronized String invoke(String definition, String event) {
        FunctionInvoker invoker = INVOKERS.computeIfAbsent(definition, Lambdas::start);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    private static FunctionInvoker start(String definition) {
        // As system properties, which the environment conventions read exactly like the variables,
        // and only while the context starts: a context another test starts later with properties of
        // its own (an embedded broker's port) must not find these instead.
        Map<String, String> settings = new LinkedHashMap<>(TestServices.environment());
        settings.put("MAIN_CLASS", LambdaFunctions.class.getName());
        settings.put("spring.cloud.function.definition", definition);
        settings.put("spring.cloud.stream.function.autodetect", "false");
        settings.put("tradebot.environment", "production");
        settings.put("tradebot.auth.secret-key", SECRET_KEY);
        // A cold JVM's first check opens the connections, which on a busy machine can take longer
        // than the 2 s a deployed health check allows.
        settings.put("tradebot.health.timeout", "15s");
        // One context per function in one JVM: a small pool each, the database is shared.
        settings.put("spring.datasource.hikari.maximum-pool-size", "2");
        settings.forEach(System::setProperty);
        try {
            return new FunctionInvoker();
        }
        finally {
            // Contexts started later in this JVM must not inherit a Lambda's settings.
            settings.keySet().forEach(System::clearProperty);
        }
    }
}
