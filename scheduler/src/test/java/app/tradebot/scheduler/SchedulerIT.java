package app.tradebot.scheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.binder.rabbit.RabbitMessageChannelBinder;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scheduler replicas against the real Postgres and RabbitMQ, time driven by a {@link MutableClock}
 * and {@link Scheduler#runDue()} (the tick loop is off), counting the messages left in the queue.
 */
class SchedulerIT {

    private static final String QUEUE = "schedule.tickTest";
    private static final String JOB = "tickTest.EveryMinute";
    private static final Instant T = Instant.parse("2026-11-28T03:15:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** No scheduler role: only the DataSource and the broker connection, to set up and inspect. */
    private static ConfigurableApplicationContext support;
    private static JdbcTemplate jdbc;
    private static AmqpAdmin admin;
    private static RabbitTemplate rabbit;

    private final MutableClock clock = new MutableClock(T.minusSeconds(30));
    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @BeforeAll
    static void connect() {
        support = application("").run();
        DataSource dataSource = support.getBean(DataSource.class);
        SchedulerSchema.migrate(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        admin = support.getBean(AmqpAdmin.class);
        rabbit = support.getBean(RabbitTemplate.class);
    }

    @AfterAll
    static void disconnect() {
        support.close();
    }

    @BeforeEach
    void startClean() {
        jdbc.update("delete from scheduler.schedule_fires where job like 'tickTest.%'");
        admin.deleteQueue(QUEUE);
        admin.deleteQueue(QUEUE + ".dlq");
        admin.deleteExchange(QUEUE);
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void twoReplicasFireEachTickExactlyOnce() throws Exception {
        Scheduler a = replica("scheduler-a");
        Scheduler b = replica("scheduler-b");
        for (int minute = 0; minute < 5; minute++) {
            clock.set(T.plus(Duration.ofMinutes(minute)));
            runTogether(a, b);
            runTogether(a, b); // nothing new is due
        }

        List<ScheduleFires.Fire> fires = fires();
        assertThat(fires).extracting(ScheduleFires.Fire::scheduledTime).containsExactly(T, T.plusSeconds(60),
                T.plusSeconds(120), T.plusSeconds(180), T.plusSeconds(240));
        assertThat(fires).extracting(ScheduleFires.Fire::instance).isSubsetOf("scheduler-a", "scheduler-b");
        assertThat(fires).extracting(ScheduleFires.Fire::firedAt).containsExactlyElementsOf(
                fires.stream().map(ScheduleFires.Fire::scheduledTime).toList());
        assertThat(firesCounted(a) + firesCounted(b)).isEqualTo(5);

        List<Message> messages = drain();
        assertThat(messages).hasSize(5);
        Map<String, String> executionBySchedule = new HashMap<>();
        for (Message message : messages) {
            assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
            JsonNode payload = JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8));
            assertThat(payload.get("job").asString()).isEqualTo("tickTest");
            assertThat(payload.get("attempt").asInt()).isEqualTo(1);
            assertThat(payload.get("schedule").asString())
                    .isEqualTo("arn:aws:scheduler:local:000000000000:schedule/default/TickTestFunctionEveryMinute");
            assertThat(message.getMessageProperties().getMessageId()).isEqualTo(payload.get("executionId").asString());
            executionBySchedule.put(payload.get("scheduledTime").asString(), payload.get("executionId").asString());
        }
        Map<String, String> recorded = new HashMap<>();
        fires.forEach(f -> recorded.put(f.scheduledTime().toString(), f.executionId().toString()));
        assertThat(executionBySchedule).isEqualTo(recorded);
        assertThat(executionBySchedule).containsKeys("2026-11-28T03:15:00Z", "2026-11-28T03:19:00Z");
    }

    @Test
    void afterDowntimeOnlyTheLatestMissedTickFires() throws Exception {
        ConfigurableApplicationContext first = replicaContext("scheduler-a");
        clock.set(T);
        scheduler(first).runDue();
        first.close();

        clock.set(T.plus(Duration.ofMinutes(5)).plusSeconds(20)); // ticks T+1 .. T+5 missed
        Scheduler restarted = replica("scheduler-a");
        restarted.runDue();
        restarted.runDue();

        assertThat(fires()).extracting(ScheduleFires.Fire::scheduledTime).containsExactly(T, T.plusSeconds(300));
        assertThat(fires().get(1).firedAt()).isEqualTo(T.plusSeconds(320));
        assertThat(counter(restarted, "tradebot.scheduler.missed", "coalesced")).isEqualTo(4);
        List<Message> messages = drain();
        assertThat(messages).extracting(m -> scheduledTime(m)).containsExactly("2026-11-28T03:15:00Z",
                "2026-11-28T03:20:00Z");
    }

    @Test
    void firingPrunesTicksOlderThanTheRetentionButNeverTheLatest() throws Exception {
        Scheduler scheduler = replica("scheduler-a", "tradebot.scheduler.fire-retention=25h");
        for (int minute = 0; minute < 3; minute++) {
            clock.set(T.plus(Duration.ofMinutes(minute)));
            scheduler.runDue();
        }
        // A day and more later, after downtime: the next fire deletes what is older than 25 h.
        clock.set(T.plus(Duration.ofHours(25)).plusSeconds(90));
        scheduler.runDue();

        assertThat(fires()).extracting(ScheduleFires.Fire::scheduledTime)
                .containsExactly(T.plusSeconds(60), T.plusSeconds(120), T.plus(Duration.ofHours(25)).plusSeconds(60));
        assertThat(drain()).hasSize(4);
    }

    @Test
    void aRetentionShorterThanTheCatchUpBoundStopsStartUp() {
        assertThatThrownBy(() -> replica("scheduler-a", "tradebot.scheduler.fire-retention=1h"))
                .hasStackTraceContaining("tradebot.scheduler.fire-retention must be at least max-catch-up");
    }

    @Test
    void aTriggerPublishedBeforeAnyWorkerWaitsInTheDurableQueue() throws Exception {
        assertThat(admin.getQueueInfo(QUEUE)).isNull(); // nothing declared it yet
        ConfigurableApplicationContext replica = replicaContext("scheduler-a");
        clock.set(T);
        scheduler(replica).runDue();
        replica.close(); // the publisher is gone too; no consumer ever existed

        QueueInformation queue = admin.getQueueInfo(QUEUE);
        // (A quorum queue's message count lags a confirmed publish: the drain below counts.)
        assertThat(queue.getConsumerCount()).isZero();
        assertThat(admin.getQueueInfo(QUEUE + ".dlq")).isNotNull();
        assertThat(drain()).extracting(m -> scheduledTime(m)).containsExactly("2026-11-28T03:15:00Z");
    }

    @Test
    void aDisabledScheduleNeverFires() {
        Scheduler a = replica("scheduler-a");
        clock.set(T.plus(Duration.ofMinutes(3)));
        a.runDue();
        assertThat(jdbc.queryForObject("select count(*) from scheduler.schedule_fires where job = 'tickTest.Paused'",
                Integer.class)).isZero();
        assertThat(fires()).hasSize(1);
    }

    @Test
    void aPublishTheBrokerRefusesLeavesNoRecordAndIsRetried() {
        Scheduler a = replica("scheduler-a", "tradebot.scheduler.confirm-timeout=5s");
        clock.set(T);
        a.runDue();
        drain();
        // The broker loses the exchange under the running scheduler: the next publish cannot land.
        admin.deleteExchange(QUEUE);
        clock.set(T.plusSeconds(60));
        a.runDue();
        assertThat(fires()).extracting(ScheduleFires.Fire::scheduledTime).containsExactly(T);

        // Once the exchange is back, the same tick goes out at the next wake-up, recorded once.
        TopicExchange exchange = new TopicExchange(QUEUE);
        admin.declareExchange(exchange);
        admin.declareBinding(BindingBuilder.bind(new Queue(QUEUE)).to(exchange).with("#"));
        clock.set(T.plusSeconds(61));
        a.runDue();
        assertThat(fires()).extracting(ScheduleFires.Fire::scheduledTime).containsExactly(T, T.plusSeconds(60));
        assertThat(drain()).extracting(m -> scheduledTime(m)).containsExactly("2026-11-28T03:16:00Z");
    }

    @Test
    void theTickLoopFiresWhenTheClockReachesATick() throws InterruptedException {
        replica("scheduler-a", "tradebot.scheduler.tick-loop=true");
        clock.set(T);
        // The loop wakes at least once a second; allow it plenty of time on a busy machine.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fires().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(fires()).extracting(ScheduleFires.Fire::scheduledTime).containsExactly(T);
    }

    @Test
    void twoTickLoopsClaimATickAheadAndPublishItOnceAtTheTick() throws Exception {
        // A running clock, a minute before the tick T while the replicas start, then 4 s before it.
        ShiftedClock running = new ShiftedClock(T.minusSeconds(60));
        replicaContext("scheduler-a", running, "tradebot.scheduler.tick-loop=true", "tradebot.scheduler.claim-ahead=2s");
        replicaContext("scheduler-b", running, "tradebot.scheduler.tick-loop=true", "tradebot.scheduler.claim-ahead=2s");
        running.shiftTo(T.minusSeconds(4));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fires().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000); // the other replica had its chance to fire it twice

        List<ScheduleFires.Fire> fires = fires();
        assertThat(fires).extracting(ScheduleFires.Fire::scheduledTime).containsExactly(T);
        // Claimed ahead: the row records the tick itself as the time it was published.
        assertThat(fires.get(0).firedAt()).isEqualTo(T);
        assertThat(drain()).extracting(m -> scheduledTime(m)).containsExactly("2026-11-28T03:15:00Z");
        long published = 0;
        double delay = 0;
        for (ConfigurableApplicationContext replica : replicas) {
            var timer = replica.getBean(MeterRegistry.class).find("tradebot.scheduler.fire.delay").tag("job", JOB).timer();
            if (timer != null) {
                published += timer.count();
                delay += timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        assertThat(published).isEqualTo(1);
        assertThat(delay).isGreaterThanOrEqualTo(0); // published at the tick, not before it
    }

    @Test
    void startUpBindsTheProducerAndOpensItsPublisherChannelWithoutPublishingATrigger() {
        ConfigurableApplicationContext context = replicaContext("scheduler-a");
        // Bound and connected before any tick: the first tick's send finds the binding and a
        // confirm-mode channel of the binder's publisher connection ready.
        assertThat(context.getBean(BindingService.class).getProducerBinding(ScheduledJob.bindingName("tickTest")))
                .isNotNull();
        RabbitMessageChannelBinder binder = (RabbitMessageChannelBinder) context.getBean(BinderFactory.class)
                .getBinder(null, MessageChannel.class);
        CachingConnectionFactory publisherConnections = (CachingConnectionFactory) binder.getConnectionFactory()
                .getPublisherConnectionFactory();
        // The warm-up's send returns its channel to the cache once its confirm is handled, on the connection's
        // thread, which may be a moment after start-up's wait for the confirm returned.
        for (long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                !"1".equals(publisherConnections.getCacheProperties().get("idleChannelsNotTx")) && System.nanoTime() < deadline;) {
            Thread.onSpinWait();
        }
        assertThat(publisherConnections.getCacheProperties().get("idleChannelsNotTx")).isEqualTo("1");
        // ... and nothing reached a queue.
        assertThat(admin.getQueueInfo(QUEUE).getMessageCount()).isZero();
        assertThat(admin.getQueueInfo(QUEUE + ".dlq").getMessageCount()).isZero();
        assertThat(fires()).isEmpty();

        // The same queue shows the tick once it fires: the count above could have seen a message.
        clock.set(T);
        scheduler(context).runDue();
        assertThat(admin.getQueueInfo(QUEUE).getMessageCount()).isEqualTo(1);
    }

    @Test
    void startUpSendsItsWarmUpThroughTheSendPathToNoJobsQueue() {
        // No queue of the project binds the warm-up's routing key; this one does, to count what was sent.
        String watcher = "scheduler-it.warm-up";
        admin.declareQueue(new Queue(watcher, false, false, true));
        admin.declareBinding(BindingBuilder.bind(new Queue(watcher)).to(new TopicExchange(TickPublisher.WARM_UP_EXCHANGE))
                .with(TickPublisher.WARM_UP_ROUTING_KEY));
        try {
            ConfigurableApplicationContext context = replicaContext("scheduler-a");
            assertThat(context.getBean(BindingService.class).getProducerBinding(TickPublisher.WARM_UP_BINDING)).isNotNull();
            // Confirmed before start-up returned: one message per job (one enabled job here), none to a job's queue.
            assertThat(admin.getQueueInfo(watcher).getMessageCount()).isEqualTo(1);
            Message warmUp = rabbit.receive(watcher);
            assertThat(new String(warmUp.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"warmUp\":true}");
            assertThat(admin.getQueueInfo(QUEUE).getMessageCount()).isZero();
            assertThat(fires()).isEmpty();
            // Unobserved, as the ticks' sends are: the warm-up takes their path.
            assertThat(context.getBean(MeterRegistry.class).getMeters())
                    .extracting(meter -> meter.getId().getName())
                    .noneMatch(name -> name.startsWith("spring.rabbit.template"));
        }
        finally {
            admin.deleteQueue(watcher);
        }
    }

    @Test
    void theSchedulersSendsAreNotObserved() {
        ConfigurableApplicationContext context = replicaContext("scheduler-a");
        clock.set(T);
        scheduler(context).runDue();
        assertThat(drain()).hasSize(1);
        // The binder observes its producers' sends; the scheduler's (spring.rabbit.template*) are left out.
        assertThat(context.getBean(MeterRegistry.class).getMeters())
                .extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("spring.rabbit.template"));
    }

    @Test
    void aBadScheduleExpressionStopsStartUpNamingTheFunction(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, Files.readString(Path.of(templateLocation()))
                .replace("rate(1 minute)\n            ScheduleExpressionTimezone", "cron(0/5 * * * *)\n            ScheduleExpressionTimezone"));
        assertThatThrownBy(() -> replicaContext("scheduler-a", "tradebot.template-location=" + template))
                .rootCause()
                .hasMessageContaining("schedule EveryMinute of function tickTest")
                .hasMessageContaining("cron(0/5 * * * *)")
                .hasMessageContaining("expected 6 fields");
    }

    @Test
    void withoutTheSchedulerRoleNothingIsScheduled() {
        assertThat(support.getBeanNamesForType(Scheduler.class)).isEmpty();
        assertThat(support.getEnvironment().getPropertySources().contains(SchedulerBindings.SOURCE)).isFalse();
    }

    private Scheduler replica(String instanceId, String... properties) {
        return scheduler(replicaContext(instanceId, properties));
    }

    private ConfigurableApplicationContext replicaContext(String instanceId, String... properties) {
        return replicaContext(instanceId, clock, properties);
    }

    private ConfigurableApplicationContext replicaContext(String instanceId, Clock clock, String... properties) {
        ConfigurableApplicationContext context = application("scheduler")
                .properties("TRADEBOT_INSTANCE_ID=" + instanceId, "tradebot.scheduler.tick-loop=false",
                        "tradebot.template-location=" + templateLocation())
                .properties(properties)
                .initializers(c -> c.getBeanFactory().registerSingleton("testClock", clock))
                .run();
        replicas.add(context);
        return context;
    }

    private static Scheduler scheduler(ConfigurableApplicationContext context) {
        Scheduler scheduler = context.getBean(Scheduler.class);
        assertThat(scheduler.isRunning()).isTrue();
        return scheduler;
    }

    private static SpringApplicationBuilder application(String roles) {
        Properties defaults = new Properties();
        defaults.putAll(TestServices.properties());
        defaults.put("tradebot.roles", roles);
        defaults.put("spring.main.web-application-type", "none");
        defaults.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(SchedulerTestApplication.class).properties(defaults);
    }

    private static String templateLocation() {
        try {
            return new ClassPathResource("scheduler-it-template.yaml").getFile().getAbsolutePath();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both replicas wake up at the same instant, as two processes would. */
    private static void runTogether(Scheduler a, Scheduler b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Instant> first = CompletableFuture.supplyAsync(() -> awaitThen(go, a));
        CompletableFuture<Instant> second = CompletableFuture.supplyAsync(() -> awaitThen(go, b));
        go.countDown();
        CompletableFuture.allOf(first, second).get();
    }

    private static Instant awaitThen(CountDownLatch go, Scheduler scheduler) {
        try {
            go.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return scheduler.runDue();
    }

    private static List<ScheduleFires.Fire> fires() {
        return new ScheduleFires(jdbc).fires(JOB);
    }

    private static List<Message> drain() {
        List<Message> messages = new ArrayList<>();
        for (Message m = rabbit.receive(QUEUE); m != null; m = rabbit.receive(QUEUE)) {
            messages.add(m);
        }
        return messages;
    }

    private static String scheduledTime(Message message) {
        return JSON.readTree(new String(message.getBody(), StandardCharsets.UTF_8)).get("scheduledTime").asString();
    }

    private long firesCounted(Scheduler scheduler) {
        MeterRegistry meters = contextOf(scheduler).getBean(MeterRegistry.class);
        var counter = meters.find("tradebot.scheduler.fires").tag("job", JOB).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private long counter(Scheduler scheduler, String name, String reason) {
        MeterRegistry meters = contextOf(scheduler).getBean(MeterRegistry.class);
        var counter = meters.find(name).tag("job", JOB).tag("reason", reason).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private ConfigurableApplicationContext contextOf(Scheduler scheduler) {
        return replicas.stream().filter(c -> c.isActive() && c.getBean(Scheduler.class) == scheduler).findFirst()
                .orElseThrow();
    }
}
