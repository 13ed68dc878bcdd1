package app.tradebot.market;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.redis.core.RedisHash;
import org.springframework.data.redis.core.TimeToLive;

/**
 * A latest price in Redis, one hash per symbol ({@code market:ticker:<symbol>}), written by
 * refreshTickers. It expires after three missed refreshes, so a stopped job cannot leave an old
 * price that looks current. A mutable class, as the hash mapping wants one.
 */
@RedisHash("market:ticker")
class CachedTicker {

    static final long TTL_SECONDS = 180;

    @Id
    private String symbol;
    private String price;
    private long atMillis;
    @TimeToLive
    private Long ttl = TTL_SECONDS;

    CachedTicker() {
    }

    CachedTicker(String symbol, BigDecimal price, Instant at) {
        this.symbol = symbol;
        this.price = price.toPlainString();
        this.atMillis = at.toEpochMilli();
    }

    TickerView view() {
        return new TickerView(symbol, new BigDecimal(price), Instant.ofEpochMilli(atMillis), "cache");
    }

    public String getSymbol() {
        return symbol;
    }

    public void setSymbol(String symbol) {
        this.symbol = symbol;
    }

    public String getPrice() {
        return price;
    }

    public void setPrice(String price) {
        this.price = price;
    }

    public long getAtMillis() {
        return atMillis;
    }

    public void setAtMillis(long atMillis) {
        this.atMillis = atMillis;
    }

    public Long getTtl() {
        return ttl;
    }

    public void setTtl(Long ttl) {
        this.ttl = ttl;
    }
}
