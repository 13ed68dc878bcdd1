package app.tradebot.platform.messaging;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import jakarta.validation.Validation;
import jakarta.validation.constraints.NotNull;
import app.tradebot.platform.http.DecimalStrings;
import app.tradebot.runtime.FunctionInvocations;
import app.tradebot.runtime.RequestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueConsumersTest {

    record Tick(@NotNull String job, @NotNull Instant scheduledTime) {
    }

    /** A message the adapter gave up on, as the DLQ would receive it. */
    record DeadLetter(String queue, String body, String reason) {
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<Long> pauses = new ArrayList<>();
    private final QueueConsumers consumers = new QueueConsumers(JsonMapper.builder().build(),
            Validation.buildDefaultValidatorFactory().getValidator(), new FunctionInvocations(meters),
            (queue, body, cause) -> deadLetters.add(new DeadLetter(queue, new String(body, StandardCharsets.UTF_8),
                    cause.getMessage())),
            pauses::add);

    private final List<Tick> handled = new ArrayList<>();
    private final Consumer<Message<byte[]>> consumer = consumers.of(Tick.class, handled::add);

    @Test
    void decodesAPlainMessage() {
        consumer.accept(message("{\"job\":\"purge\",\"scheduledTime\":\"2026-01-02T03:15:00Z\"}"));

        assertThat(handled).containsExactly(new Tick("purge", Instant.parse("2026-01-02T03:15:00Z")));
    }

    @Test
    void toleratesUnknownFields() {
        consumer.accept(message("{\"job\":\"purge\",\"scheduledTime\":\"2026-01-02T03:15:00Z\",\"extra\":1}"));

        assertThat(handled).containsExactly(new Tick("purge", Instant.parse("2026-01-02T03:15:00Z")));
    }

    @Test
    void unpacksEveryMessageOfAnAmazonMqEventInOrder() {
        String event = """
                {"eventSource":"aws:rmq",
                 "eventSourceArn":"arn:aws:mq:us-east-1:111122223333:broker:tradebot:b-1234",
                 "rmqMessagesByQueue":{
                   "audit-events::/":[
                     {"basicProperties":{"contentType":"application/json","deliveryMode":2,"headers":{}},
                      "redelivered":false,"data":"%s"},
                     {"basicProperties":{"contentType":"application/json"},"redelivered":true,"data":"%s"}],
                   "other::/":[
                     {"basicProperties":{},"redelivered":false,"data":"%s"}]}}
                """.formatted(base64("{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}"),
                base64("{\"job\":\"b\",\"scheduledTime\":\"2026-01-02T00:00:00Z\"}"),
                base64("{\"job\":\"c\",\"scheduledTime\":\"2026-01-03T00:00:00Z\"}"));

        consumer.accept(message(event));

        assertThat(handled).extracting(Tick::job).containsExactly("a", "b", "c");
    }

    @Test
    void anEmptyAmazonMqEventHandlesNothing() {
        consumer.accept(message("{\"eventSource\":\"aws:rmq\",\"rmqMessagesByQueue\":{}}"));

        assertThat(handled).isEmpty();
    }

    @Test
    void rejectsAPayloadThatIsNotJson() {
        assertThatThrownBy(() -> consumer.accept(message("not json {")))
                .isInstanceOf(UndecodableMessage.class)
                .hasMessageContaining("not JSON");
        assertThat(handled).isEmpty();
    }

    @Test
    void rejectsWrongTypedFields() {
        assertThatThrownBy(() -> consumer.accept(message("{\"job\":\"purge\",\"scheduledTime\":\"yesterday\"}")))
                .isInstanceOf(UndecodableMessage.class)
                .hasMessageContaining("Not a Tick");
    }

    @Test
    void rejectsMissingFieldsNamingThem() {
        assertThatThrownBy(() -> consumer.accept(message("{}")))
                .isInstanceOf(UndecodableMessage.class)
                .hasMessageContaining("job must not be null")
                .hasMessageContaining("scheduledTime must not be null");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertThatThrownBy(() -> consumer.accept(message("[1,2]"))).isInstanceOf(UndecodableMessage.class);
        assertThatThrownBy(() -> consumer.accept(message("null"))).isInstanceOf(UndecodableMessage.class);
    }

    @Test
    void anAmazonMqMessageThatCannotBeDecodedIsDeadLetteredAtOnceAndTheRestHandled() {
        String event = "{\"eventSource\":\"aws:rmq\",\"rmqMessagesByQueue\":{\"q::/\":["
                + "{\"data\":\"%%%\"},"
                + "{\"redelivered\":false},"
                + "{\"data\":\"" + base64("{\"job\":1}") + "\"},"
                + "{\"data\":\"" + base64("{\"job\":\"ok\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}") + "\"}]}}";

        consumer.accept(message(event));

        assertThat(handled).extracting(Tick::job).containsExactly("ok");
        assertThat(deadLetters).extracting(DeadLetter::queue).containsExactly("q", "q", "q");
        assertThat(deadLetters).extracting(DeadLetter::body)
                .containsExactly("%%%", "{\"redelivered\":false}", "{\"job\":1}");
        assertThat(deadLetters.get(0).reason()).contains("not base64");
        assertThat(deadLetters.get(1).reason()).contains("without data");
        assertThat(deadLetters.get(2).reason()).contains("Invalid Tick: scheduledTime must not be null");
        assertThat(pauses).as("no retry of what cannot be decoded").isEmpty();
    }

    @Test
    void anAmazonMqEventWithoutMessagesIsRefused() {
        assertThatThrownBy(() -> consumer.accept(message("{\"eventSource\":\"aws:rmq\"}")))
                .isInstanceOf(UndecodableMessage.class);
    }

    @Test
    void aFailingAmazonMqMessageIsTriedThreeTimesWithTheWorkersBackOffThenDeadLetteredAndTheBatchGoesOn() {
        List<String> seen = new ArrayList<>();
        Consumer<Message<byte[]>> failingOnA = consumers.of(Tick.class, tick -> {
            seen.add(tick.job());
            if (tick.job().equals("a")) {
                throw new IllegalStateException("database down");
            }
        });
        String event = "{\"eventSource\":\"aws:rmq\",\"rmqMessagesByQueue\":{\"runs::/\":[{\"data\":\""
                + base64("{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}") + "\"},{\"data\":\""
                + base64("{\"job\":\"b\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}") + "\"}]}}";

        failingOnA.accept(message(event));

        assertThat(seen).containsExactly("a", "a", "a", "b");
        assertThat(pauses).containsExactly(1000L, 2000L);
        assertThat(deadLetters).containsExactly(new DeadLetter("runs",
                "{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}", "database down"));
    }

    @Test
    void aMessageThatSucceedsOnItsSecondAttemptIsNotDeadLettered() {
        int[] calls = {0};
        Consumer<Message<byte[]>> flaky = consumers.of(Tick.class, tick -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("connection reset");
            }
            handled.add(tick);
        });

        flaky.accept(message(LambdaEvent.of("q", "{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}")));

        assertThat(handled).extracting(Tick::job).containsExactly("a");
        assertThat(deadLetters).isEmpty();
        assertThat(pauses).containsExactly(1000L);
    }

    @Test
    void whenTheDlqRefusesTheInvocationFailsSoTheBrokerKeepsTheMessage() {
        QueueConsumers refusing = new QueueConsumers(JsonMapper.builder().build(),
                Validation.buildDefaultValidatorFactory().getValidator(), new FunctionInvocations(meters),
                (queue, body, cause) -> {
                    throw new UnconfirmedPublish("no confirm", null);
                }, pauses::add);
        Consumer<Message<byte[]>> failing = refusing.of(Tick.class, tick -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(() -> failing.accept(message(LambdaEvent.of("q",
                "{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}")))).isInstanceOf(UnconfirmedPublish.class);
    }

    /**
     * The tickers package has no broker client, so no DLQ: its scheduled functions decode and run as anywhere else,
     * and an Amazon MQ message it could only dead-letter fails the invocation instead of being dropped.
     */
    @Test
    void withoutABrokerClientAScheduledEventRunsAndAMessageToDeadLetterFailsTheInvocation() {
        StaticListableBeanFactory nothing = new StaticListableBeanFactory();
        QueueConsumers brokerless = new QueueConsumers(JsonMapper.builder().build(),
                Validation.buildDefaultValidatorFactory().getValidator(), nothing.getBeanProvider(MeterRegistry.class),
                nothing.getBeanProvider(DeadLetters.class));
        List<Tick> ticks = new ArrayList<>();
        Consumer<Message<byte[]>> scheduled = brokerless.of(Tick.class, ticks::add);

        scheduled.accept(message("{\"job\":\"refreshTickers\",\"scheduledTime\":\"2026-01-02T03:15:00Z\"}"));
        assertThat(ticks).containsExactly(new Tick("refreshTickers", Instant.parse("2026-01-02T03:15:00Z")));

        assertThatThrownBy(() -> scheduled.accept(message(LambdaEvent.of("q", "{\"job\":"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be dead-lettered: this package has no broker client")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(UndecodableMessage.class));
        assertThat(ticks).hasSize(1);
    }

    @Test
    void theWorkersMessageFailurePropagatesForItsBinderToRetry() {
        Consumer<Message<byte[]>> failing = consumers.of(Tick.class, tick -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(() -> failing.accept(message("{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}")))
                .isInstanceOf(IllegalStateException.class).hasMessage("database down");
        assertThat(deadLetters).isEmpty();
        assertThat(pauses).isEmpty();
    }

    // --- batches ------------------------------------------------------------------------------

    private static final String A = "{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}";
    private static final String B = "{\"job\":\"b\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}";
    private static final String C = "{\"job\":\"c\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}";

    /** The worker's batch as its binder hands it over: the bodies, each message's headers beside them. */
    private static Message<Object> workerBatch(String queue, String... bodies) {
        List<byte[]> payload = new ArrayList<>();
        List<java.util.Map<String, Object>> headers = new ArrayList<>();
        for (String body : bodies) {
            payload.add(body.getBytes(StandardCharsets.UTF_8));
            headers.add(java.util.Map.of(QueueConsumers.CONSUMER_QUEUE, queue));
        }
        return MessageBuilder.<Object>withPayload(payload).setHeader(QueueConsumers.BATCHED_HEADERS, headers).build();
    }

    @Test
    void aWorkersBatchGoesToTheBatchHandlerAtOnceInOrder() {
        List<List<Tick>> batches = new ArrayList<>();
        Consumer<Message<Object>> batched = consumers.ofBatches(Tick.class, handled::add, batches::add);

        batched.accept(workerBatch("runs", A, B, C));

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).extracting(Tick::job).containsExactly("a", "b", "c");
        assertThat(handled).isEmpty();
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void whenABatchFailsEachMessageIsHandledAloneAndOnlyThePoisonOneIsDeadLettered() {
        List<String> seen = new ArrayList<>();
        Consumer<Message<Object>> batched = consumers.ofBatches(Tick.class, tick -> {
            seen.add(tick.job());
            if (tick.job().equals("b")) {
                throw new IllegalStateException("value too long");
            }
        }, ticks -> {
            throw new IllegalStateException("value too long");
        });

        batched.accept(workerBatch("runs", A, B, C));

        assertThat(seen).containsExactly("a", "b", "b", "b", "c");
        assertThat(pauses).containsExactly(1000L, 2000L);
        assertThat(deadLetters).containsExactly(new DeadLetter("runs", B, "value too long"));
    }

    @Test
    void anUndecodableMessageOfABatchIsDeadLetteredAtOnceAndTheRestStoredTogether() {
        List<List<Tick>> batches = new ArrayList<>();
        Consumer<Message<Object>> batched = consumers.ofBatches(Tick.class, handled::add, batches::add);

        batched.accept(workerBatch("runs", A, "not json", C));

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).extracting(Tick::job).containsExactly("a", "c");
        assertThat(deadLetters).extracting(DeadLetter::queue, DeadLetter::body).containsExactly(
                org.assertj.core.groups.Tuple.tuple("runs", "not json"));
    }

    @Test
    void anAmazonMqEventsMessagesGoToTheBatchHandlerTogether() {
        List<List<Tick>> batches = new ArrayList<>();
        Consumer<Message<Object>> batched = consumers.ofBatches(Tick.class, handled::add, batches::add);
        String event = "{\"eventSource\":\"aws:rmq\",\"rmqMessagesByQueue\":{\"runs::/\":[{\"data\":\""
                + base64(A) + "\"},{\"data\":\"" + base64(B) + "\"}]}}";

        batched.accept(MessageBuilder.<Object>withPayload(event.getBytes(StandardCharsets.UTF_8)).build());

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).extracting(Tick::job).containsExactly("a", "b");
    }

    @Test
    void aSingleMessageToABatchingFunctionIsHandledAlone() {
        List<List<Tick>> batches = new ArrayList<>();
        Consumer<Message<Object>> batched = consumers.ofBatches(Tick.class, handled::add, batches::add);

        batched.accept(MessageBuilder.<Object>withPayload(A.getBytes(StandardCharsets.UTF_8)).build());

        assertThat(handled).extracting(Tick::job).containsExactly("a");
        assertThat(batches).isEmpty();
    }

    /** An Amazon MQ event with one message. */
    private static final class LambdaEvent {
        static String of(String queue, String body) {
            return "{\"eventSource\":\"aws:rmq\",\"rmqMessagesByQueue\":{\"" + queue + "::/\":[{\"data\":\""
                    + base64(body) + "\"}]}}";
        }
    }

    // --- metrics and request ids -------------------------------------------------------------

    @Test
    void eachCallIsTimedUnderTheBeanNameWithItsOutcome() {
        Consumer<Message<byte[]>> named = named("purgeAuditEvents", consumer);
        Consumer<Message<byte[]>> failing = named("purgeAuditEvents", consumers.of(Tick.class, tick -> {
            throw new IllegalStateException("database down");
        }));

        named.accept(message("{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}"));
        named.accept(message("{\"job\":\"b\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}"));
        assertThatThrownBy(() -> named.accept(message("not json"))).isInstanceOf(UndecodableMessage.class);
        assertThatThrownBy(() -> failing.accept(message("{\"job\":\"c\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}")))
                .isInstanceOf(IllegalStateException.class);

        assertThat(count("SUCCESS", "none")).isEqualTo(2);
        assertThat(count("CLIENT_ERROR", "UndecodableMessage")).isEqualTo(1);
        assertThat(count("ERROR", "IllegalStateException")).isEqualTo(1);
    }

    @Test
    void theRequestIdOfTheMessageIsInTheMdcWhileItIsHandledAndOnlyThen() {
        List<String> seen = new ArrayList<>();
        Consumer<Message<byte[]>> recording = consumers.of(Tick.class, tick -> seen.add(MDC.get(RequestIds.MDC_KEY)));

        recording.accept(MessageBuilder.withPayload("{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8)).setHeader(RequestIds.MESSAGE_HEADER, "req-42").build());
        recording.accept(message("{\"job\":\"b\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}"));
        recording.accept(MessageBuilder.withPayload("{\"job\":\"c\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8)).setHeader(RequestIds.MESSAGE_HEADER, "forged\nline").build());

        assertThat(seen).containsExactly("req-42", null, null);
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
    }

    @Test
    void theMdcIsRestoredWhenTheHandlerFails() {
        Consumer<Message<byte[]>> failing = consumers.of(Tick.class, tick -> {
            throw new IllegalStateException("database down");
        });
        MDC.put(RequestIds.MDC_KEY, "outer");
        try {
            assertThatThrownBy(() -> failing.accept(MessageBuilder.withPayload(
                    "{\"job\":\"a\",\"scheduledTime\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8))
                    .setHeader(RequestIds.MESSAGE_HEADER, "inner").build())).isInstanceOf(IllegalStateException.class);

            assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("outer");
        }
        finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private double count(String outcome, String exception) {
        Timer timer = meters.find(FunctionInvocations.METER).tags("function", "purgeAuditEvents", "trigger", "queue",
                "outcome", outcome, "exception", exception).timer();
        return timer == null ? 0 : timer.count();
    }

    /** What Spring does to the bean: tell it its name. */
    private static Consumer<Message<byte[]>> named(String name, Consumer<Message<byte[]>> consumer) {
        ((BeanNameAware) consumer).setBeanName(name);
        return consumer;
    }

    record Fill(@NotNull BigDecimal price, @NotNull BigDecimal quantity) {
    }

    @Test
    void decimalsRoundTripExactlyWhetherWrittenAsNumbersOrAsStrings() {
        List<Fill> fills = new ArrayList<>();
        Consumer<Message<byte[]>> fillConsumer = consumers.of(Fill.class, fills::add);
        Fill fill = new Fill(new BigDecimal("12345678.123456789012345"), new BigDecimal("0E-8"));
        JsonMapper application = JsonMapper.builder().build();
        JsonMapper api = JsonMapper.builder().addModule(DecimalStrings.module()).build();

        // publishers write with the application's mapper (numbers); the API's form (strings) reads the same
        fillConsumer.accept(message(application.writeValueAsString(fill)));
        fillConsumer.accept(message(api.writeValueAsString(fill)));
        fillConsumer.accept(message("{\"price\":0.10,\"quantity\":\"1.0E-7\"}"));

        assertThat(api.writeValueAsString(fill)).isEqualTo("{\"price\":\"12345678.123456789012345\",\"quantity\":\"0.00000000\"}");
        assertThat(fills).containsExactly(fill, fill, new Fill(new BigDecimal("0.10"), new BigDecimal("0.00000010")));
    }

    private static Message<byte[]> message(String payload) {
        return MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
