package app.tradebot.orders;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.Placement;
import app.tradebot.exchange.paper.PaperExchanges;
import app.tradebot.runtime.Template;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send that ends unknown has its account reconciled at once, not at the next minute's tick: the order
 * path publishes a {@code reconcileAccountOrders} task (through the outbox) on a queue of its own, which
 * the worker consumes here and an MQ event source consumes in AWS. (Published on the scheduled
 * {@code reconcileOrders}' schedule queue, as before, it reached the worker locally but nothing in AWS,
 * where EventBridge Scheduler invokes that function directly and no event source reads that queue.)
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "tradebot.roles=worker")
@DirtiesContext
class ReconcileAccountOrdersWorkerIT {

    static {
        TestServices.install();
    }

    static final String QUEUE = "order-reconciliations";
    static final FakeBinance BINANCE = FakeBinance.start();

    @DynamicPropertySource
    static void binance(DynamicPropertyRegistry registry) {
        BINANCE.registerBaseUrls(registry);
    }

    @AfterAll
    static void stop() {
        BINANCE.close();
    }

    @Autowired
    BotOrders orders;

    @Autowired
    PaperExchanges paper;

    @Autowired
    Jdbi jdbi;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theTriggersFunctionIsAnMqTaskOfItsOwnWhichAnEventSourceReadsInAws() {
        Template.FunctionSpec function = Template.load().function("reconcileAccountOrders").orElseThrow();
        assertThat(function.queues()).extracting(Template.QueueTrigger::queue).containsExactly(QUEUE);
        assertThat(function.schedules()).isEmpty();
        assertThat(Template.load().function("reconcileOrders").orElseThrow().queues())
                .as("the scheduled job has no MQ event: in AWS nothing reads its schedule's queue").isEmpty();
    }

    @Test
    void aSendThatEndsUnknownIsReconciledByTheWorkerWithinSeconds() throws Exception {
        CachingConnectionFactory rabbit = TestServices.rabbit();
        try {
            QueueInformation info = new RabbitAdmin(rabbit).getQueueInfo(QUEUE);
            assertThat(info).isNotNull();
            assertThat(info.getConsumerCount()).as("the worker consumes " + QUEUE).isEqualTo(1);
        }
        finally {
            rabbit.destroy();
        }
        UUID user = UUID.randomUUID();
        jdbc.update("insert into users (id, email, password_hash) values (?, ?, 'not a hash')", user,
                "reconcile-" + user + "@example.com");
        // listed by the exchange, whatever an earlier test left (an import of BTCUSDT makes it an imported symbol,
        // which no bot refreshes from the exchange and a Binance account may not trade)
        jdbc.update("""
                insert into symbols (symbol, base_asset, quote_asset, status, source) values ('BTCUSDT', 'BTC', 'USDT', 'TRADING', 'exchange')
                on conflict (symbol) do update set status = excluded.status, source = excluded.source""");
        UUID account = UUID.randomUUID();
        jdbc.update("insert into exchange_accounts (id, user_id, name, kind) values (?, ?, 'Paper', 'paper')", account, user);
        paper.open(account, Map.of("USDT", new BigDecimal("10000")));
        BINANCE.setPrice("BTCUSDT", new BigDecimal("30000"));
        // The order takes effect, then the answer is lost: what a timeout after the request arrived looks like.
        Exchange exchange = paper.exchange(account);
        Exchange answerLost = (Exchange) Proxy.newProxyInstance(Exchange.class.getClassLoader(), new Class<?>[] { Exchange.class },
                (proxy, method, args) -> {
                    try {
                        Object answer = method.invoke(exchange, args);
                        return method.getName().equals("place") && args.length == 1 && args[0] instanceof OrderRequest
                                ? new Placement.Unknown("read timed out") : answer;
                    }
                    catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        BotRef bot = new BotRef(UUID.randomUUID(), user, account, "BTCUSDT", Duration.ofMinutes(5));
        Instant candle = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        jdbi.useTransaction(h -> orders.record(h, bot, candle, List.of(OrderIntent.marketQuote(new BigDecimal("100"), "buy"))));

        List<BotOrder> sent = orders.sendPending(bot, Fence.none(), answerLost);

        assertThat(sent).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(BotOrderStatus.UNKNOWN));
        long started = System.nanoTime();
        String status = "UNKNOWN";
        while (System.nanoTime() - started < Duration.ofSeconds(30).toNanos() && !status.equals("FILLED")) {
            Thread.sleep(100);
            status = jdbc.queryForObject("select status from bot_orders where id = ?", String.class, sent.get(0).id());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("unknown send reconciled by the worker in %d ms%n", millis);
        assertThat(status).as("settled by the worker's reconcileAccountOrders, no minute tick runs here").isEqualTo("FILLED");
        assertThat(jdbc.queryForObject("select count(*) from bot_fills where bot_id = ?", Integer.class, bot.botId())).isEqualTo(1);
        assertThat(jdbc.queryForList("select type from bot_events where bot_id = ? order by seq", String.class, bot.botId()))
                .containsExactly("ORDER_UNKNOWN", "ORDER_FOUND");
    }
}
