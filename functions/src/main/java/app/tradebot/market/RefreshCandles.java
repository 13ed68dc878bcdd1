package app.tradebot.market;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refreshCandles job: for every (symbol, interval) watched, fetches the closed candles after the
 * last stored one (the latest 1000 when none is stored), then back-fills holes between stored candles.
 * A hole the exchange has no candle for is remembered and not asked about again. Inserts ignore
 * candles already stored, so overlapping runs cannot make duplicates.
 */
final class RefreshCandles {

    static final int PAGE = 1000;
    /** Pages one pair may fetch per run, so that a long history catches up over several runs. */
    static final int MAX_PAGES = 20;

    private static final Logger log = LoggerFactory.getLogger(RefreshCandles.class);

    private final WatchDao watches;
    private final CandleDao candles;
    private final MarketSource exchange;

    RefreshCandles(WatchDao watches, CandleDao candles, MarketSource exchange) {
        this.watches = watches;
        this.candles = candles;
        this.exchange = exchange;
    }

    /** Candles stored by this run. */
    int refresh() {
        Optional<MarketData> market = exchange.marketData();
        if (market.isEmpty()) {
            log.warn("No exchange configured: candles not refreshed");
            return 0;
        }
        int stored = 0;
        for (WatchDao.Pair pair : watches.pairs()) {
            Optional<Interval> interval = Interval.fromCode(pair.interval());
            if (interval.isEmpty()) {
                continue;
            }
            try {
                stored += refresh(market.get(), pair.symbol(), interval.get());
            }
            catch (ExchangeException e) {
                log.warn("Candles of {} {} not refreshed: {}", pair.symbol(), pair.interval(), e.getMessage());
            }
        }
        return stored;
    }

    private int refresh(MarketData market, String symbol, Interval interval) {
        Instant now = market.serverTime();
        int stored = newest(market, symbol, interval, now);
        for (CandleDao.Gap gap : candles.gaps(symbol, interval.code(), step(interval))) {
            int filled = fetch(market, symbol, interval, gap.start(), gap.end().minusMillis(1), now);
            if (filled == 0) {
                candles.gapChecked(symbol, interval.code(), gap.start(), gap.end());
            }
            stored += filled;
        }
        if (stored > 0) {
            log.info("Stored {} candles of {} {}", stored, symbol, interval.code());
        }
        return stored;
    }

    /** The closed candles after the last stored one (the latest page when none is stored), without back-filling holes. */
    int refreshNewest(MarketData market, String symbol, Interval interval) {
        return newest(market, symbol, interval, market.serverTime());
    }

    private int newest(MarketData market, String symbol, Interval interval, Instant now) {
        Optional<Instant> last = candles.lastOpenTime(symbol, interval.code());
        if (last.isEmpty()) {
            return store(symbol, interval, market.klines(symbol, interval, null, null, PAGE), now);
        }
        return fetch(market, symbol, interval, interval.next(last.get()), now, now);
    }

    /** Pages through {@code [from, until]}; returns the candles stored. */
    private int fetch(MarketData market, String symbol, Interval interval, Instant from, Instant until, Instant now) {
        int stored = 0;
        Instant start = from;
        for (int page = 0; page < MAX_PAGES && !start.isAfter(until); page++) {
            List<Kline> klines = market.klines(symbol, interval, start, until, PAGE);
            stored += store(symbol, interval, klines, now);
            if (klines.size() < PAGE) {
                break;
            }
            start = interval.next(klines.get(klines.size() - 1).openTime());
        }
        return stored;
    }

    private int store(String symbol, Interval interval, List<Kline> klines, Instant now) {
        List<Kline> closed = klines.stream().filter(k -> k.closeTime().isBefore(now)).toList();
        if (closed.isEmpty()) {
            return 0;
        }
        int stored = 0;
        for (int count : candles.insert(symbol, interval.code(), closed)) {
            stored += count;
        }
        return stored;
    }

    /** One step of the interval in PostgreSQL's interval syntax. */
    static String step(Interval interval) {
        return interval == Interval.MONTH ? "1 month" : interval.duration().toSeconds() + " seconds";
    }
}
