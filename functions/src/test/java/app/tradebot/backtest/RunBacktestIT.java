package app.tradebot.backtest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import app.tradebot.TestServices;
import app.tradebot.TradeBotFunctions;
import app.tradebot.market.CandleHistory;
import app.tradebot.platform.http.ApiEvents;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.jobs.JobTask;
import app.tradebot.platform.jobs.Jobs;
import app.tradebot.strategy.Bar;
import app.tradebot.strategy.Signals;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.StrategyCatalog;
import app.tradebot.strategy.StrategyDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static app.tradebot.backtest.BacktestSupport.await;
import static app.tradebot.backtest.BacktestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * runBacktest's handler against the real database with a deliberately slow strategy, so a run
 * lasts seconds: it writes its progress while running, and a cancel through the API stops it.
 */
@SpringBootTest(classes = TradeBotFunctions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RunBacktestIT {

    static {
        TestServices.install();
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Jobs jobs;

    @Autowired
    JsonMapper json;

    @Autowired
    CandleHistory candles;

    @Autowired
    JobCompletion completion;

    @Autowired
    @Qualifier("cancelBacktest")
    ApiFunction cancel;

    final AtomicInteger barsSeen = new AtomicInteger();
    UUID user;

    @BeforeEach
    void userAndCandles() {
        BacktestSupport.storeRealCandles(jdbc);
        user = BacktestSupport.user(jdbc);
    }

    /** The catalog, except that its strategies take about 100 µs a candle and count what they see. */
    StrategyCatalog slow() {
        StrategyCatalog builtIn = StrategyCatalog.builtIn();
        return new StrategyCatalog() {
            @Override
            public List<StrategyDescriptor> list() {
                return builtIn.list();
            }

            @Override
            public Map<String, Object> validate(String strategy, Map<String, Object> params) {
                return builtIn.validate(strategy, params);
            }

            @Override
            public Strategy create(String strategy, Map<String, Object> params) {
                Strategy real = builtIn.create(strategy, params);
                return new Strategy() {
                    @Override
                    public void onBar(Bar bar, Signals signals) {
                        barsSeen.incrementAndGet();
                        LockSupport.parkNanos(100_000);
                        real.onBar(bar, signals);
                    }

                    @Override
                    public int warmUp() {
                        return real.warmUp();
                    }
                };
            }
        };
    }

    @Test
    void aRunningBacktestWritesItsProgressAndSucceeds() {
        UUID id = queued();
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> new RunBacktest(jobs, json, candles, slow(), completion)
                .accept(new JobTask(id)));

        int seen = await(() -> {
            Map<String, Object> row = jdbc.queryForMap("select status, progress from backtests where id = ?", id);
            int progress = ((Number) row.get("progress")).intValue();
            return row.get("status").equals("running") && progress > 0 ? Optional.of(progress) : Optional.empty();
        });
        run.orTimeout(60, TimeUnit.SECONDS).join();

        assertThat(seen).isBetween(1, 99);
        assertThat(jdbc.queryForMap("select status, progress from backtests where id = ?", id))
                .containsEntry("status", "succeeded").containsEntry("progress", 100);
        assertThat(barsSeen.get()).isEqualTo(BtcCandles.SIZE);
    }

    @Test
    void aCancelStopsTheRunningEngine() {
        UUID id = queued();
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> new RunBacktest(jobs, json, candles, slow(), completion)
                .accept(new JobTask(id)));
        await(() -> barsSeen.get() > 100 ? Optional.of(true) : Optional.empty());

        var answer = call(cancel, ApiEvents.post("/api/backtests/" + id + "/cancel", null).pathParameter("id", id.toString()),
                user);
        run.orTimeout(60, TimeUnit.SECONDS).join();

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
        assertThat(barsSeen.get()).as("candles run before the engine saw the cancel").isLessThan(BtcCandles.SIZE);
        assertThat(jdbc.queryForMap("select status, result, attempt from backtests where id = ?", id))
                .containsEntry("status", "cancelled").containsEntry("result", null).containsEntry("attempt", 1);
    }

    private UUID queued() {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into backtests (id, user_id, request) values (?, ?, cast(? as jsonb))", id, user,
                BacktestWorkerIT.smaCross());
        return id;
    }
}
