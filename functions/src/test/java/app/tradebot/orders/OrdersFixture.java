package app.tradebot.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import app.tradebot.TestServices;
import app.tradebot.audit.AuditEvent;
import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.FakeBinance;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.exchange.Venue;
import app.tradebot.exchange.binance.BinanceTestConnectors;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order path over the real PostgreSQL and the real Binance connector talking to the fake Binance
 * over HTTP. The clock is the test's to move (the order path, the connector and the fake read it);
 * audit events and reconciliation triggers are kept in lists to assert on.
 */
final class OrdersFixture implements AutoCloseable {

    static final String KEY = "ordersKey1";
    static final String SECRET = "ordersSecret1";

    static final Jdbi JDBI = migrated();

    final FakeBinance binance = FakeBinance.start().addKey(KEY, SECRET, new KeyPermissions(true, true, false));
    // Milliseconds: what PostgreSQL stores (to the microsecond, rounded) compares equal to what the clock said.
    final MovableClock clock = new MovableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    final List<UUID> triggered = new CopyOnWriteArrayList<>();
    final UUID userId = UUID.randomUUID();
    final UUID accountId = UUID.randomUUID();
    final Exchange exchange;
    final BotEvents events;
    final OrdersProperties properties;

    OrdersFixture() {
        this(new OrdersProperties(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(90),
                3, Duration.ZERO), Duration.ofMillis(500));
    }

    OrdersFixture(OrdersProperties properties, Duration requestTimeout) {
        this.properties = properties;
        // Binance's clock and the order path's are one: the reconciliation's times mean the same on both sides.
        binance.useClock(clock);
        this.exchange = BinanceTestConnectors.connector(URI.create(binance.baseUrl()), requestTimeout, clock)
                .exchange(Venue.BINANCE, accountId, new ApiCredentials(KEY, SECRET));
        this.events = new BotEvents(JDBI, JsonMapper.builder().build(), clock);
        binance.setBalance(KEY, "USDT", new BigDecimal("1000000"));
        binance.setPrice("BTCUSDT", new BigDecimal("30000"));
    }

    private static Jdbi migrated() {
        TestServices.install();
        Flyway.configure().dataSource(TestServices.dataSource()).load().migrate();
        // Pooled, as in the application: a new connection per statement would be most of the suite's time.
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(TestServices.dataSource());
        pool.setMaximumPoolSize(8);
        // A test database needs no wait for each commit's flush to disk.
        pool.setConnectionInitSql("set synchronous_commit = off");
        Jdbi jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        // The test's own queries read rows as the DAO does.
        jdbi.registerRowMapper(ConstructorMapper.factory(BotOrder.class));
        return jdbi;
    }

    BotOrders orders() {
        return orders(SendHooks.NONE);
    }

    BotOrders orders(SendHooks hooks) {
        return new BotOrders(JDBI, clock, events, new OrderAudit(audited::add, clock), triggered::add, hooks);
    }

    ReconcileOrders reconcile(BotOrders orders) {
        // Only this fixture's account is reachable: other tests' accounts in the same database are not its exchange's.
        OrderExchanges exchanges = (user, account) -> {
            if (!account.equals(accountId)) {
                throw new IllegalStateException("account " + account + " belongs to another test");
            }
            return exchange;
        };
        return new ReconcileOrders(orders, exchanges, events, new OrderAudit(audited::add, clock), JDBI, clock, properties);
    }

    BotRef bot(Duration maxSignalAge) {
        return new BotRef(UUID.randomUUID(), userId, accountId, "BTCUSDT", maxSignalAge);
    }

    List<BotOrder> record(BotOrders orders, BotRef bot, Instant candle, List<OrderIntent> intents) {
        return JDBI.inTransaction(h -> orders.record(h, bot, candle, intents));
    }

    BotOrder row(UUID id) {
        return JDBI.onDemand(BotOrderDao.class).find(id).orElseThrow();
    }

    List<BotOrder> rowsOf(UUID botId) {
        return JDBI.withHandle(h -> h.createQuery("select " + BotOrderDao.COLUMNS + " from bot_orders where bot_id = :b order by seq")
                .bind("b", botId).mapTo(BotOrder.class).list());
    }

    List<BotEventType> eventTypes(UUID botId) {
        return JDBI.withHandle(h -> h.createQuery("select type from bot_events where bot_id = :b order by seq")
                .bind("b", botId).mapTo(BotEventType.class).list());
    }

    int fillCount(UUID botId) {
        return JDBI.withHandle(h -> h.createQuery("select count(*) from bot_fills where bot_id = :b").bind("b", botId)
                .mapTo(Integer.class).one());
    }

    @Override
    public void close() {
        binance.close();
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
