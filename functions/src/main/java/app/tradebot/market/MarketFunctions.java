package app.tradebot.market;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Exchanges;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.MarketData;
import app.tradebot.platform.http.ApiFunction;
import app.tradebot.platform.http.ApiFunctions;
import app.tradebot.platform.http.FieldError;
import app.tradebot.platform.http.NotFound;
import app.tradebot.platform.lambda.ConditionalOnFunction;
import app.tradebot.platform.messaging.QueueConsumers;
import com.redis.om.spring.annotations.EnableRedisEnhancedRepositories;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The market functions of template.yaml: symbols, candles (read, import, watch, refresh) and tickers. */
@Configuration(proxyBeanMethods = false)
class MarketFunctions {

    /** redis-om's repository of tickers: not started by a Lambda whose function does not read it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnFunction({ "getTicker", "refreshTickers" })
    @EnableRedisEnhancedRepositories(basePackageClasses = CachedTickers.class)
    static class TickerCacheConfiguration {

        @Bean
        TickerCache tickerCache(CachedTickers tickers) {
            return new TickerCache(tickers);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MarketFunctions.class);

    private final Clock clock = Clock.systemUTC();

    @Bean
    CandleDao candleDao(Jdbi jdbi) {
        return jdbi.onDemand(CandleDao.class);
    }

    @Bean
    SymbolDao symbolDao(Jdbi jdbi) {
        return jdbi.onDemand(SymbolDao.class);
    }

    @Bean
    WatchDao watchDao(Jdbi jdbi) {
        return jdbi.onDemand(WatchDao.class);
    }

    @Bean
    MarketSource marketSource(ObjectProvider<Exchanges> exchanges) {
        return new MarketSource(exchanges);
    }

    @Bean
    CandleFeed candleFeed(CandleDao candles, SymbolDao symbols, WatchDao watches, MarketSource exchange) {
        return new StoredCandleFeed(candles, symbols, exchange, new RefreshCandles(watches, candles, exchange));
    }

    @Bean
    LatestCloses latestCloses(CandleDao candles) {
        return new LatestCloses(candles);
    }

    @Bean
    ApiFunction listSymbols(ApiFunctions http, SymbolDao symbols) {
        return http.of(Void.class, Symbols.class, 200, (body, request) -> new Symbols(symbols.list(request.userId())));
    }

    @Bean
    ApiFunction getCandles(ApiFunctions http, CandleDao candles, SymbolDao symbols) {
        return http.of(Void.class, CandlePage.class, 200, new GetCandles(candles, symbols));
    }

    /**
     * The candles become the caller's own: any symbol may be imported, and one the exchange does not list
     * becomes known to the caller (only) as an imported symbol. The one route that takes a large body: up
     * to Lambda's 6 MiB payload limit.
     */
    @Bean
    ApiFunction importCandles(ApiFunctions http, Jdbi jdbi) {
        CandleImports imports = new CandleImports(jdbi, clock);
        return http.ofText("text/csv", CandleImports.MAX_UPLOAD_BYTES, ImportResult.class, 200, (csv, request) -> {
            List<FieldError> errors = new ArrayList<>();
            String symbol = MarketParameters.symbol(request.query("symbol").orElse(null), "symbol", errors);
            Interval interval = MarketParameters.interval(request.query("interval").orElse(null), "interval", errors);
            MarketParameters.throwIfAny(errors);
            return imports.importCsv(request.userId(), symbol, interval, new BufferedReader(new StringReader(csv)));
        });
    }

    @Bean
    ApiFunction getTicker(ApiFunctions http, TickerCache cache, MarketSource exchange, CandleDao candles, SymbolDao symbols) {
        return http.of(Void.class, TickerView.class, 200, new GetTicker(cache, exchange, candles, symbols));
    }

    @Bean
    ApiFunction watchCandles(ApiFunctions http, WatchDao watches, SymbolDao symbols, MarketSource exchange) {
        return http.of(WatchRequest.class, WatchView.class, 201, new WatchCandles(watches, symbols, exchange));
    }

    @Bean
    ApiFunction listWatches(ApiFunctions http, WatchDao watches) {
        return http.of(Void.class, Watches.class, 200, (body, request) -> new Watches(watches.list(request.userId())));
    }

    /** Another user's watch is as absent as one that never was. */
    @Bean
    ApiFunction unwatchCandles(ApiFunctions http, WatchDao watches) {
        return http.of(Void.class, Void.class, 204, (body, request) -> {
            UUID id = request.pathId("id");
            if (watches.delete(id, request.userId()) == 0) {
                throw new NotFound("No such watch.");
            }
            return null;
        });
    }

    /** Scheduled every minute: closed candles of every watched pair, holes back-filled. */
    @Bean
    Consumer<Message<byte[]>> refreshCandles(QueueConsumers consumers, WatchDao watches, CandleDao candles,
            MarketSource exchange) {
        RefreshCandles job = new RefreshCandles(watches, candles, exchange);
        return consumers.of(MarketTick.class, tick -> job.refresh());
    }

    /** Scheduled every minute: the latest price of every watched symbol into the cache. */
    @Bean
    Consumer<Message<byte[]>> refreshTickers(QueueConsumers consumers, WatchDao watches, MarketSource exchange,
            TickerCache cache) {
        return consumers.of(MarketTick.class, tick -> {
            Optional<MarketData> market = exchange.marketData();
            if (market.isEmpty()) {
                log.warn("No exchange configured: tickers not refreshed");
                return;
            }
            int cached = 0;
            for (String symbol : watches.symbols()) {
                try {
                    cached += cache.save(market.get().ticker(symbol)) ? 1 : 0;
                }
                catch (ExchangeException e) {
                    log.warn("Ticker of {} not refreshed: {}", symbol, e.getMessage());
                }
            }
            log.debug("Cached {} tickers", cached);
        });
    }

    /** Scheduled daily: the exchange's symbol list. */
    @Bean
    Consumer<Message<byte[]>> refreshSymbols(QueueConsumers consumers, SymbolDao symbols, MarketSource exchange) {
        return consumers.of(MarketTick.class, tick -> exchange.marketData().ifPresentOrElse(market -> {
            var listed = market.symbols();
            symbols.saveListed(listed);
            log.info("Stored {} symbols the exchange lists", listed.size());
        }, () -> log.warn("No exchange configured: symbols not refreshed")));
    }
}
