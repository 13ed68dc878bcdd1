package app.tradebot.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Ticker;
import app.tradebot.exchange.Ticker24h;

/**
 * Binance's public market data as the market functions see it through the port, in memory: a clock
 * that tests move, listed symbols, prices, and candles on the interval's grid from {@code since} on,
 * except the open times declared missing (an exchange hole). {@link #down} makes every call fail as
 * an unreachable exchange does.
 */
final class FakeMarketData implements MarketData {

    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");
    volatile Instant since = Instant.parse("2025-01-01T00:00:00Z");
    volatile boolean down;
    final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();
    final Set<Instant> missing = ConcurrentHashMap.newKeySet();
    final AtomicInteger klineCalls = new AtomicInteger();
    private final Map<String, SymbolRules> listed = new ConcurrentHashMap<>();

    FakeMarketData() {
        for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
            listed.put(symbol, new SymbolRules(symbol, symbol.substring(0, 3), "USDT", "TRADING", new BigDecimal("0.01"),
                    new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("9000"), new BigDecimal("5")));
        }
    }

    void reset() {
        now = Instant.parse("2026-01-01T00:00:00Z");
        since = Instant.parse("2025-01-01T00:00:00Z");
        down = false;
        prices.clear();
        missing.clear();
        klineCalls.set(0);
    }

    /** The price every candle of this fake closes at: a function of its open time. */
    static BigDecimal close(Instant openTime) {
        return BigDecimal.valueOf(100 + openTime.getEpochSecond() / 3600 % 50);
    }

    @Override
    public Instant serverTime() {
        up();
        return now;
    }

    @Override
    public List<SymbolRules> symbols() {
        up();
        return List.copyOf(listed.values());
    }

    @Override
    public Optional<SymbolRules> symbol(String symbol) {
        up();
        return Optional.ofNullable(listed.get(symbol));
    }

    /** Like Binance: without a start, the latest {@code limit} candles, the last one possibly still open. */
    @Override
    public List<Kline> klines(String symbol, Interval interval, Instant startTime, Instant endTime, int limit) {
        up();
        klineCalls.incrementAndGet();
        Instant end = endTime == null ? now : endTime;
        List<Kline> all = new ArrayList<>();
        Instant first = startTime == null ? since : startTime;
        long step = interval.duration().toMillis();
        long aligned = Math.max(first.toEpochMilli(), since.toEpochMilli());
        aligned = (aligned + step - 1) / step * step;
        for (Instant open = Instant.ofEpochMilli(aligned); !open.isAfter(end) && open.isBefore(now); open = interval.next(open)) {
            if (!missing.contains(open)) {
                BigDecimal close = close(open);
                all.add(new Kline(open, close, close.add(BigDecimal.ONE), close.subtract(BigDecimal.ONE), close,
                        BigDecimal.TEN, interval.next(open).minusMillis(1)));
            }
            if (startTime != null && all.size() == limit) {
                break;
            }
        }
        return startTime == null && all.size() > limit ? all.subList(all.size() - limit, all.size()) : all;
    }

    @Override
    public Ticker ticker(String symbol) {
        up();
        BigDecimal price = prices.get(symbol);
        if (price == null) {
            throw new ExchangeException(400, -1121, "Invalid symbol.");
        }
        return new Ticker(symbol, price, now);
    }

    @Override
    public Ticker24h ticker24h(String symbol) {
        throw new UnsupportedOperationException("not used by the market functions");
    }

    private void up() {
        if (down) {
            throw new ExchangeException(0, 0, "Binance cannot be reached");
        }
    }
}
