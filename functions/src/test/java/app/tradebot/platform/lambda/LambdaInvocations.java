package app.tradebot.platform.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Runs functions the way AWS Lambda does: {@code FunctionInvoker::handleRequest} with the
 * definition in SPRING_CLOUD_FUNCTION_DEFINITION (here the equivalent system property) and
 * SPRING_CLOUD_STREAM_FUNCTION_AUTODETECT=false as template.yaml's Globals set them. One invoker,
 * and so one application context, per definition and start class, as one Lambda per function.
 */
public final class LambdaInvocations {

    public static final Path TEST_TEMPLATE = Path.of("src/test/resources/lambda/template.yaml");

    private static final Map<String, FunctionInvoker> INVOKERS = new ConcurrentHashMap<>();

    private LambdaInvocations() {
    }

    /** An invoker of the real Lambda start class with the real template. */
    public static String invoke(String definition, String event) {
        return invoke(TradeBotFunctions.class, null, definition, event);
    }

    static synchronized String invoke(Class<?> startClass, Path template, String definition, String event) {
        FunctionInvoker invoker = INVOKERS.computeIfAbsent(startClass.getName() + "/" + definition,
                key -> start(startClass, template, definition));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    private static FunctionInvoker start(Class<?> startClass, Path template, String definition) {
        TestServices.install();
        if (!"migrate".equals(definition)) {
            migrateOnce();
        }
        System.setProperty("MAIN_CLASS", startClass.getName());
        System.setProperty("spring.cloud.function.definition", definition);
        System.setProperty("spring.cloud.stream.function.autodetect", "false");
        if (template != null) {
            System.setProperty("tradebot.template-location", template.toString());
        }
        try {
            return new FunctionInvoker();
        }
        finally {
            // Later Spring contexts in this JVM (a worker under test) must not inherit a Lambda's settings.
            System.clearProperty("MAIN_CLASS");
            System.clearProperty("spring.cloud.function.definition");
            System.clearProperty("spring.cloud.stream.function.autodetect");
            System.clearProperty("tradebot.template-location");
        }
    }

    private static boolean migrated;

    /**
     * As a deploy does before any function runs (template.yaml: DatabaseMigration), the migrate
     * function once: a Lambda neither migrates nor declares the broker's queues when it starts.
     */
    private static void migrateOnce() {
        if (!migrated) {
            String answer = invoke(TradeBotFunctions.class, null, "migrate", "{}");
            if (!answer.contains("migrationsExecuted")) {
                throw new IllegalStateException("migrate failed: " + answer);
            }
            migrated = true;
        }
    }

    /** An Amazon MQ for RabbitMQ event carrying the given message bodies on one queue, as Lambda's event source mapping sends it. */
    public static String amazonMqEvent(String queue, List<String> bodies) {
        StringBuilder messages = new StringBuilder();
        for (String body : bodies) {
            if (!messages.isEmpty()) {
                messages.append(',');
            }
            messages.append("""
                    {"basicProperties":{"contentType":"application/json","contentEncoding":null,"headers":{},
                    "deliveryMode":2,"priority":null,"correlationId":null,"replyTo":null,"expiration":null,
                    "messageId":null,"timestamp":null,"type":null,"userId":null,"appId":null,"clusterId":null,
                    "bodySize":%d},"redelivered":false,"data":"%s"}"""
                    .formatted(body.getBytes(StandardCharsets.UTF_8).length,
                            Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))));
        }
        return """
                {"eventSource":"aws:rmq",
                 "eventSourceArn":"arn:aws:mq:us-east-1:123456789012:broker:tradebot:b-9bcfa592-423a-4942-879d-eb284b418fc8",
                 "rmqMessagesByQueue":{"%s::/":[%s]}}""".formatted(queue, messages);
    }

    static String resource(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/lambda", name));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
