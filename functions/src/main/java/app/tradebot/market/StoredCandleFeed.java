package app.tradebot.market;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;

/**
 * {@link CandleFeed} over the candle tables, refreshed like {@code refreshCandles} refreshes a watched pair.
 *
 * <p>A tick runs every bot of a symbol and interval within seconds. One of them asks the exchange for the
 * pair's new candles while the others wait for it; they then find them stored. When the exchange had
 * nothing newer (the candle is late), the pair is not asked again for {@link #ASK_AGAIN_AFTER} unless the
 * store changed meanwhile: a thousand bots on BTCUSDT 1m ask the exchange a few times, not a thousand
 * (Binance's request weight is counted per IP). The exchange's candles are shared by every user, so this
 * holds across users' views.
 */
final class StoredCandleFeed implements CandleFeed {

    static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(1);

    private final CandleDao candles;
    private final SymbolDao symbols;
    private final MarketSource exchange;
    private final RefreshCandles refresher;

    /** Per symbol and interval: when the exchange was last asked (the caller's clock) and the newest candle stored then. */
    private final ConcurrentHashMap<String, Asked> asked = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> asking = new ConcurrentHashMap<>();

    StoredCandleFeed(CandleDao candles, SymbolDao symbols, MarketSource exchange, RefreshCandles refresher) {
        this.candles = candles;
        this.symbols = symbols;
        this.exchange = exchange;
        this.refresher = refresher;
    }

    @Override
    public View of(UUID userId) {
        return new StoredView(userId, false);
    }

    @Override
    public View live(UUID userId) {
        return new StoredView(userId, true);
    }

    /** Stores the newest closed candles of a listed pair, one bot asking the exchange at a time. */
    private int refreshListed(String symbol, Interval interval, Instant now) {
        String pair = symbol + " " + interval.code();
        if (!toAsk(pair, symbol, interval, now)) {
            return 0;
        }
        synchronized (asking.computeIfAbsent(pair, key -> new Object())) {
            // another bot of the pair may have asked while this one waited
            if (!toAsk(pair, symbol, interval, now)) {
                return 0;
            }
            Optional<MarketData> market = exchange.marketData();
            int stored = market.map(data -> refresher.refreshNewest(data, symbol, interval)).orElse(0);
            asked.put(pair, new Asked(now, candles.lastOpenTime(symbol, interval.code())));
            return stored;
        }
    }

    /** Whether the exchange may have closed candles the store lacks, and was not asked for them a moment ago. */
    private boolean toAsk(String pair, String symbol, Interval interval, Instant now) {
        Optional<Instant> last = candles.lastOpenTime(symbol, interval.code());
        if (last.isPresent() && interval.next(interval.next(last.get())).isAfter(now)) {
            // the candle after the newest stored one has not closed yet
            return false;
        }
        Asked before = asked.get(pair);
        // asked a moment ago (or after this bot's clock read), and the store has not changed since: the
        // exchange had nothing newer
        return before == null || !before.last().equals(last) || !now.isBefore(before.at().plus(ASK_AGAIN_AFTER));
    }

    private final class StoredView implements View {

        private final UUID userId;
        private final boolean live;

        StoredView(UUID userId, boolean live) {
            this.userId = userId;
            this.live = live;
        }

        @Override
        public SymbolSource source(String symbol) {
            return symbols.find(userId, symbol)
                    .map(view -> "import".equals(view.source()) ? SymbolSource.IMPORT : SymbolSource.EXCHANGE)
                    .orElse(null);
        }

        @Override
        public int refresh(String symbol, Interval interval, Instant now) {
            if (source(symbol) != SymbolSource.EXCHANGE) {
                return 0;
            }
            return refreshListed(symbol, interval, now);
        }

        @Override
        public List<Kline> range(String symbol, Interval interval, Instant from, Instant to, int limit) {
            return candles.from(reader(symbol), symbol, interval.code(), from, to, limit).stream()
                    .map(view -> kline(view, interval)).toList();
        }

        @Override
        public List<Kline> before(String symbol, Interval interval, Instant before, int count) {
            return candles.latest(reader(symbol), symbol, interval.code(), before, count).stream()
                    .map(view -> kline(view, interval)).toList();
        }

        /** Whose imports are read: none for a live bot on a listed symbol (the DAO's null user). */
        private UUID reader(String symbol) {
            return live && symbols.listed(symbol).isPresent() ? null : userId;
        }
    }

    private static Kline kline(CandleView view, Interval interval) {
        return new Kline(view.openTime(), view.open(), view.high(), view.low(), view.close(), view.volume(),
                interval.next(view.openTime()).minusMillis(1));
    }

    private record Asked(Instant at, Optional<Instant> last) {
    }
}
