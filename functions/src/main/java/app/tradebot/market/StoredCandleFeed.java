package app.tradebot.market;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;

/** {@link CandleFeed} over the candle tables, refreshed like {@code refreshCandles} refreshes a watched pair. */
final class StoredCandleFeed implements CandleFeed {

    private final CandleDao candles;
    private final SymbolDao symbols;
    private final MarketSource exchange;
    private final RefreshCandles refresher;

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
            Optional<Instant> last = candles.lastOpenTime(symbol, interval.code());
            if (last.isPresent() && interval.next(interval.next(last.get())).isAfter(now)) {
                // the candle after the newest stored one has not closed yet: nothing to ask the exchange for
                return 0;
            }
            Optional<MarketData> market = exchange.marketData();
            return market.map(data -> refresher.refreshNewest(data, symbol, interval)).orElse(0);
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
}
