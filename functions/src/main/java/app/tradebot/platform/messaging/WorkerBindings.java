package app.tradebot.platform.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.tradebot.runtime.QueueTopology;
import app.tradebot.runtime.Roles;
import app.tradebot.runtime.Template;
import app.tradebot.runtime.Template.FunctionSpec;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The Spring Cloud Stream settings that template.yaml implies, generated at start-up so the
 * descriptor stays the only list of queues.
 *
 * <p>Every process gets a producer binding per queue (binding name = queue name, for StreamBridge).
 * No binding declares anything: {@link QueueTopology} declares the queues, their DLQs and delivery
 * limits, locally when a process connects and in AWS at deployment, so messages sent before any
 * worker ever ran are kept. Only a process playing {@code worker} also gets the consumer
 * bindings {@code <function>-in-0}, one per function with an MQ event or a schedule, and a
 * {@code spring.cloud.function.definition} naming them. Elsewhere (gateway, scheduler, a Lambda)
 * {@link FunctionBindingGuard} makes sure Spring Cloud Stream binds no function at all.
 */
class WorkerBindings implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "tradebotWorkerBindings";
    static final String BINDINGS = "spring.cloud.stream.bindings";
    static final String RABBIT_BINDINGS = "spring.cloud.stream.rabbit.bindings";
    static final String STREAM = "org.springframework.cloud.stream.function.StreamBridge";

    /** Prefetch of a scheduled job's queue: ticks are rare and each may run long. */
    static final int SCHEDULE_PREFETCH = 1;
    /**
     * Consumers in one worker of the functions for which one is too few: a bot run spends its time waiting
     * for PostgreSQL and the exchange, not on the CPU, so a tick's thousand runs go through several at once.
     * Audit events have four: concurrent consumers' events are written together in one commit
     * ({@code AuditInserts}), and one writer at a time holds a connection for them. Every other function
     * has one consumer (a backtest uses its core). A property of the binding wins.
     */
    static final Map<String, Integer> CONSUMERS = Map.of("runBot", 8, "recordAuditEvent", 4);
    /**
     * The functions a worker's consumer hands many messages at once ({@code QueueConsumers.ofBatches}), up to this
     * many: the binding's batch mode, its prefetch as large. A batch is handed over once full or when no further
     * message came for {@link #BATCH_WAIT_MS}.
     */
    static final Map<String, Integer> BATCHES = Map.of("recordAuditEvent", 100);
    static final int BATCH_WAIT_MS = 20;
    static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";
    /**
     * A worker's connections unless configured: each consumer may hold two at once (its own, and the
     * outbox's send after its commit), beside the relay and the other functions' consumers.
     */
    static final int WORKER_POOL_SIZE = 24;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!ClassUtils.isPresent(STREAM, WorkerBindings.class.getClassLoader())) {
            return; // the HTTP Lambda package: no Spring Cloud Stream, nothing to bind
        }
        Template template = template(environment.getProperty("tradebot.template-location", ""));
        boolean worker = Roles.has(environment, Roles.WORKER);
        Map<String, Object> props = properties(template, worker);
        if (worker && !environment.containsProperty(POOL_SIZE)) {
            props.put(POOL_SIZE, WORKER_POOL_SIZE);
        }
        MapPropertySource source = new MapPropertySource(SOURCE, props);
        // Like the environment conventions: explicit properties and variables win, the template fills in.
        if (environment.getPropertySources().contains("systemEnvironment")) {
            environment.getPropertySources().addAfter("systemEnvironment", source);
        }
        else {
            environment.getPropertySources().addLast(source);
        }
    }

    @Override
    public int getOrder() {
        // After application.properties is loaded: tradebot.roles may be set there.
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    static Map<String, Object> properties(Template template, boolean worker) {
        Map<String, Object> props = new LinkedHashMap<>();
        // Publishers wait for the broker's confirm (see the audit trail); returns catch unroutable sends.
        props.put("spring.rabbitmq.publisher-confirm-type", "correlated");
        props.put("spring.rabbitmq.publisher-returns", true);
        // Only the explicit definition below is ever bound; never guess from the catalog.
        props.put("spring.cloud.stream.function.autodetect", false);

        for (String queue : queues(template)) {
            props.putAll(QueueTopology.producerBinding(queue, queue));
            props.put(RABBIT_BINDINGS + "[" + queue + "].producer.use-confirm-header", true);
            props.put(BINDINGS + "[" + queue + "].producer.error-channel-enabled", true);
        }
        if (!worker) {
            return props;
        }

        List<String> definitions = new ArrayList<>();
        for (FunctionSpec function : template.functions()) {
            String queue = consumedQueue(function);
            if (queue == null) {
                continue;
            }
            definitions.add(function.name());
            String binding = function.name() + "-in-0";
            props.putAll(QueueTopology.consumerBinding(binding, queue));
            props.put(BINDINGS + "[" + binding + "].consumer.retryable-exceptions." + UndecodableMessage.class.getName(), false);
            props.put(RABBIT_BINDINGS + "[" + binding + "].consumer.prefetch", function.queues().isEmpty() ? SCHEDULE_PREFETCH
                    : function.queues().get(0).batchSize());
            if (BATCHES.containsKey(function.name())) {
                int size = BATCHES.get(function.name());
                String rabbit = RABBIT_BINDINGS + "[" + binding + "].consumer.";
                props.put(BINDINGS + "[" + binding + "].consumer.batch-mode", true);
                props.put(rabbit + "enable-batching", true);
                props.put(rabbit + "batch-size", size);
                props.put(rabbit + "receive-timeout", BATCH_WAIT_MS);
                props.put(rabbit + "prefetch", size);
            }
            if (CONSUMERS.containsKey(function.name())) {
                props.put(BINDINGS + "[" + binding + "].consumer.concurrency", CONSUMERS.get(function.name()));
            }
        }
        props.put("spring.cloud.function.definition", String.join(";", definitions));
        return props;
    }

    /** Every queue a function consumes: MQ event queues and the scheduled jobs' trigger queues. */
    static List<String> queues(Template template) {
        return QueueTopology.of(template).queues();
    }

    /** The one queue a function is bound to in the worker, or null when nothing but HTTP triggers it. */
    static String consumedQueue(FunctionSpec function) {
        int triggers = function.queues().size() + (function.schedules().isEmpty() ? 0 : 1);
        if (triggers > 1) {
            // One binding, one queue: the queue name is the consumer group, so a second queue has no name.
            throw new IllegalStateException(function.logicalId()
                    + ": a function is triggered by at most one queue or by its schedules, not both");
        }
        if (!function.queues().isEmpty()) {
            return function.queues().get(0).queue();
        }
        return function.schedules().isEmpty() ? null : function.schedules().get(0).queue();
    }

    private static Template template(String location) {
        return Template.forLocation(location);
    }
}
