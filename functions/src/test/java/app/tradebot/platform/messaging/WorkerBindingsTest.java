package app.tradebot.platform.messaging;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import app.tradebot.runtime.QueueTopology;
import app.tradebot.runtime.Template;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.DefaultValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerBindingsTest {

    private static final String TEMPLATE = """
            Resources:
              RecordAuditEventFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: recordAuditEvent}}
                  Events:
                    AuditEvents: {Type: MQ, Properties: {Queues: [audit-events], BatchSize: 10}}
              PurgeAuditEventsFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: purgeAuditEvents}}
                  Events:
                    Daily: {Type: ScheduleV2, Properties: {ScheduleExpression: 'rate(1 day)'}}
              HealthFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Environment: {Variables: {SPRING_CLOUD_FUNCTION_DEFINITION: health}}
                  Events:
                    Health: {Type: HttpApi, Properties: {Method: GET, Path: /health}}
            """;

    @Test
    void aWorkerBindsEveryQueueAndScheduledFunction() {
        Map<String, Object> props = WorkerBindings.properties(Template.parse(TEMPLATE), true);

        assertThat(props).containsEntry("spring.cloud.function.definition", "purgeAuditEvents;recordAuditEvent")
                .containsEntry("spring.cloud.stream.bindings[recordAuditEvent-in-0].destination", "audit-events")
                .containsEntry("spring.cloud.stream.bindings[recordAuditEvent-in-0].group", "audit-events")
                .containsEntry("spring.cloud.stream.bindings[recordAuditEvent-in-0].consumer.max-attempts", 3)
                .containsEntry("spring.cloud.stream.bindings[recordAuditEvent-in-0].consumer.back-off-initial-interval", 1000)
                .containsEntry("spring.cloud.stream.bindings[recordAuditEvent-in-0].consumer.back-off-multiplier", 2.0)
                .containsEntry("spring.cloud.stream.bindings[recordAuditEvent-in-0].consumer.back-off-max-interval", 10000)
                .containsEntry("spring.cloud.stream.bindings[recordAuditEvent-in-0].consumer.retryable-exceptions."
                        + UndecodableMessage.class.getName(), false)
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.queue-name-group-only", true)
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.durable-subscription", true)
                // The queue and its DLQ are QueueTopology's: the binder declares nothing, and republishes there.
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.declare-exchange", false)
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.bind-queue", false)
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.auto-bind-dlq", false)
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.republish-to-dlq", true)
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.dead-letter-exchange", "DLX")
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.dead-letter-routing-key",
                        "audit-events")
                // Audit events come in batches of up to 100 (the template's BatchSize is the Lambda's)
                .containsEntry("spring.cloud.stream.bindings[recordAuditEvent-in-0].consumer.batch-mode", true)
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.enable-batching", true)
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.batch-size", 100)
                .containsEntry("spring.cloud.stream.rabbit.bindings[recordAuditEvent-in-0].consumer.prefetch", 100)
                .containsEntry("spring.cloud.stream.bindings[purgeAuditEvents-in-0].destination", "schedule.purgeAuditEvents")
                .containsEntry("spring.cloud.stream.bindings[purgeAuditEvents-in-0].group", "schedule.purgeAuditEvents")
                .containsEntry("spring.cloud.stream.rabbit.bindings[purgeAuditEvents-in-0].consumer.prefetch", 1);
        assertThat(props).doesNotContainKey("spring.cloud.stream.bindings[purgeAuditEvents-in-0].consumer.batch-mode");
        assertThat(props.keySet()).noneMatch(key -> key.contains("health"));
    }

    @Test
    void everyProcessGetsAProducerBindingPerQueueThatDeclaresNothing() {
        for (boolean worker : new boolean[] { true, false }) {
            Map<String, Object> props = WorkerBindings.properties(Template.parse(TEMPLATE), worker);

            for (String queue : new String[] { "audit-events", "schedule.purgeAuditEvents" }) {
                assertThat(props).containsEntry("spring.cloud.stream.bindings[" + queue + "].destination", queue)
                        .containsEntry("spring.cloud.stream.rabbit.bindings[" + queue + "].producer.declare-exchange", false)
                        .containsEntry("spring.cloud.stream.rabbit.bindings[" + queue + "].producer.bind-queue", false)
                        .containsEntry("spring.cloud.stream.rabbit.bindings[" + queue + "].producer.auto-bind-dlq", false)
                        .containsEntry("spring.cloud.stream.rabbit.bindings[" + queue + "].producer.use-confirm-header", true)
                        .doesNotContainKey("spring.cloud.stream.bindings[" + queue + "].producer.required-groups");
            }
            assertThat(props).containsEntry("spring.rabbitmq.publisher-confirm-type", "correlated")
                    .containsEntry("spring.cloud.stream.function.autodetect", false);
        }
    }

    @Test
    void aProcessThatIsNoWorkerBindsNoFunction() {
        Map<String, Object> props = WorkerBindings.properties(Template.parse(TEMPLATE), false);

        assertThat(props).doesNotContainKey("spring.cloud.function.definition");
        assertThat(props.keySet()).noneMatch(key -> key.contains("-in-0"));
    }

    @Test
    void aFunctionWithTwoQueuesIsRefused() {
        String twoQueues = TEMPLATE.replace("Queues: [audit-events]", "Queues: [audit-events, more-events]");

        assertThatThrownBy(() -> WorkerBindings.properties(Template.parse(twoQueues), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RecordAuditEventFunction");
    }

    @Test
    void theRealTemplateBindsItsQueueAndScheduledFunctions() {
        Map<String, Object> props = WorkerBindings.properties(Template.load(), true);

        // Other features add theirs; the list is sorted, one definition for every MQ or scheduled function.
        assertThat(((String) props.get("spring.cloud.function.definition")).split(";"))
                .contains("purgeAuditEvents", "recordAuditEvent", "refreshCandles", "refreshTickers", "refreshSymbols",
                        "reencryptSecrets", "runBacktest", "expireBacktests", "runOptimization")
                .doesNotContain("createExchangeAccount", "authorize")
                .isSorted();
    }

    @Test
    void botRunsAndAuditEventsHaveSeveralConsumersAndEveryOtherFunctionOne() {
        Map<String, Object> props = WorkerBindings.properties(Template.load(), true);

        assertThat(props).containsEntry("spring.cloud.stream.bindings[runBot-in-0].consumer.concurrency", 8)
                .containsEntry("spring.cloud.stream.bindings[recordAuditEvent-in-0].consumer.concurrency", 4)
                .doesNotContainKey("spring.cloud.stream.bindings[runBacktest-in-0].consumer.concurrency")
                .doesNotContainKey("spring.cloud.stream.bindings[runOptimization-in-0].consumer.concurrency");
        assertThat(WorkerBindings.WORKER_POOL_SIZE).as("two connections per bot-run consumer, one audit writer, and more")
                .isGreaterThan(2 * WorkerBindings.CONSUMERS.get("runBot") + 1);
    }

    /**
     * The broker's delivery limit of a queue counts the worker's consumers of it (QueueTopology.deliveryLimit): the
     * counts it is declared with are the ones the worker binds, so a crash of the worker never uses it up.
     */
    @Test
    void theDeliveryLimitOfEveryQueueCountsTheConsumersTheWorkerGivesIt() throws Exception {
        Map<String, Integer> consumers = new TreeMap<>();
        for (Template.QueueTrigger trigger : Template.load().queues()) {
            if (WorkerBindings.CONSUMERS.containsKey(trigger.function())) {
                consumers.put(trigger.queue(), WorkerBindings.CONSUMERS.get(trigger.function()));
            }
        }
        // the notification deliveries' consumers: NotifyProperties' default concurrency
        Class<?> notify = Class.forName("app.tradebot.notify.NotifyProperties");
        RecordComponent[] components = notify.getRecordComponents();
        Parameter[] parameters = notify.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).getParameters();
        int concurrency = Arrays.asList(components).indexOf(Arrays.stream(components)
                .filter(c -> c.getName().equals("concurrency")).findFirst().orElseThrow());
        int deliveries = Integer.parseInt(parameters[concurrency].getAnnotation(DefaultValue.class).value()[0]);
        consumers.put("webhook-deliveries", deliveries);
        consumers.put("telegram-deliveries", deliveries);

        assertThat(QueueTopology.WORKER_CONSUMERS).isEqualTo(consumers);
        assertThat(QueueTopology.deliveryLimit("bot-runs")).isEqualTo(QueueTopology.MAX_DELIVERIES + 7);
        assertThat(QueueTopology.deliveryLimit("audit-events")).isEqualTo(QueueTopology.MAX_DELIVERIES + 3);
        assertThat(QueueTopology.deliveryLimit("backtest-runs")).isEqualTo(QueueTopology.MAX_DELIVERIES);
        assertThat(QueueTopology.queueArguments("audit-events")).containsEntry("x-delivery-limit", QueueTopology.MAX_DELIVERIES + 2);
    }
}
