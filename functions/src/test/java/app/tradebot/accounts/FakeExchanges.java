package app.tradebot.accounts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import app.tradebot.exchange.AccountSnapshot;
import app.tradebot.exchange.ApiCredentials;
import app.tradebot.exchange.Balance;
import app.tradebot.exchange.Exchange;
import app.tradebot.exchange.ExchangeException;
import app.tradebot.exchange.Exchanges;
import app.tradebot.exchange.Interval;
import app.tradebot.exchange.KeyPermissions;
import app.tradebot.exchange.Kline;
import app.tradebot.exchange.MarketData;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Ticker;
import app.tradebot.exchange.Ticker24h;
import app.tradebot.exchange.Trade;
import app.tradebot.exchange.Venue;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Primary;

/**
 * The exchange as the accounts functions see it, in memory: paper ledgers, Binance keys it knows (with
 * their permissions) and the refusal Binance gives any other key. It records every credential handed to
 * it, so tests can check the functions decrypted the right ones.
 */
@TestComponent
@Primary
class FakeExchanges implements Exchanges {

    static final ExchangeException INVALID_KEY = new ExchangeException(401, -2015, "Invalid API-key, IP, or permissions for action.");

    final Map<UUID, Map<String, BigDecimal>> paperLedgers = new ConcurrentHashMap<>();
    final Map<String, KeyPermissions> keys = new ConcurrentHashMap<>();
    final List<ApiCredentials> credentialsSeen = new CopyOnWriteArrayList<>();
    volatile RuntimeException openPaperFailure;
    volatile boolean marketDataDown;
    volatile ExchangeException binanceFailure;

    void reset() {
        paperLedgers.clear();
        keys.clear();
        credentialsSeen.clear();
        openPaperFailure = null;
        marketDataDown = false;
        binanceFailure = null;
    }

    @Override
    public MarketData marketData(Venue venue) {
        return new FakeExchange(null, null);
    }

    @Override
    public Exchange binance(Venue venue, UUID accountId, ApiCredentials credentials) {
        credentialsSeen.add(credentials);
        return new FakeExchange(accountId, credentials);
    }

    @Override
    public Exchange paper(UUID accountId) {
        return new FakeExchange(accountId, null);
    }

    @Override
    public void openPaperAccount(UUID accountId, Map<String, BigDecimal> startingBalances) {
        if (openPaperFailure != null) {
            throw openPaperFailure;
        }
        paperLedgers.put(accountId, Map.copyOf(startingBalances));
    }

    @Override
    public void closePaperAccount(UUID accountId) {
        paperLedgers.remove(accountId);
    }

    private final class FakeExchange implements Exchange {

        private final UUID accountId;
        private final ApiCredentials credentials;

        FakeExchange(UUID accountId, ApiCredentials credentials) {
            this.accountId = accountId;
            this.credentials = credentials;
        }

        @Override
        public AccountSnapshot account() {
            if (credentials == null) {
                List<Balance> balances = paperLedgers.getOrDefault(accountId, Map.of()).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(entry -> new Balance(entry.getKey(), entry.getValue(), BigDecimal.ZERO))
                        .toList();
                return new AccountSnapshot(true, false, balances);
            }
            KeyPermissions permissions = permissions();
            return new AccountSnapshot(permissions.canTrade(), permissions.canWithdraw(),
                    List.of(new Balance("USDT", new BigDecimal("123.45"), BigDecimal.ZERO)));
        }

        @Override
        public KeyPermissions permissions() {
            if (binanceFailure != null) {
                throw binanceFailure;
            }
            KeyPermissions permissions = keys.get(credentials.apiKey() + ":" + credentials.apiSecret());
            if (permissions == null) {
                throw INVALID_KEY;
            }
            return permissions;
        }

        @Override
        public List<SymbolRules> symbols() {
            if (marketDataDown) {
                throw new ExchangeException(0, 0, "Connection refused");
            }
            return List.of(
                    new SymbolRules("BTCUSDT", "BTC", "USDT", "TRADING", new BigDecimal("0.01"), new BigDecimal("0.00001"),
                            new BigDecimal("0.00001"), new BigDecimal("9000"), new BigDecimal("5")),
                    new SymbolRules("ETHBTC", "ETH", "BTC", "TRADING", new BigDecimal("0.00001"), new BigDecimal("0.0001"),
                            new BigDecimal("0.0001"), new BigDecimal("100000"), new BigDecimal("0.0001")));
        }

        @Override
        public Instant serverTime() {
            return Instant.now();
        }

        @Override
        public Optional<SymbolRules> symbol(String symbol) {
            return symbols().stream().filter(rules -> rules.symbol().equals(symbol)).findFirst();
        }

        @Override
        public List<Kline> klines(String symbol, Interval interval, Instant startTime, Instant endTime, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Ticker ticker(String symbol) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Ticker24h ticker24h(String symbol) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Order placeOrder(OrderRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Order> findOrder(String symbol, String clientOrderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Order cancelOrder(String symbol, String clientOrderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Order> openOrders(String symbol) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Trade> myTrades(String symbol, Instant from, int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
