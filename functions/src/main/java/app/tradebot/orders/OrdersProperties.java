package app.tradebot.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tradebot.orders.*}: when the reconciliation may conclude that an order whose send ended
 * without an answer was never placed. Binance refuses a request once its {@code timestamp} is more
 * than {@code recvWindow} old by Binance's clock; the request's timestamp is at the latest the moment
 * its send returned (or, when the sender died before storing anything, the claim plus
 * {@code sendTime}). After that, plus the receive window, the clock offset and a margin, an order
 * the exchange does not know will never appear.
 *
 * @param recvWindow   Binance's receive window as sent with each order (keep equal to tradebot.exchange.binance.recv-window)
 * @param clockOffset  the largest difference tolerated between our clock and Binance's
 * @param margin       added on top, for Binance's own queues
 * @param sendTime     the longest from a claim to its request's timestamp: the symbol and price reads with their
 *                     retries and the rate-limit wait before the send
 * @param lookups      look-ups by client order id per reconciliation of one order (Binance answers -2013 for a live
 *                     order for a while under load)
 * @param lookupPause  the pause between those look-ups
 */
@ConfigurationProperties("tradebot.orders")
record OrdersProperties(
        @DefaultValue("5s") Duration recvWindow,
        @DefaultValue("1s") Duration clockOffset,
        @DefaultValue("30s") Duration margin,
        @DefaultValue("90s") Duration sendTime,
        @DefaultValue("3") int lookups,
        @DefaultValue("300ms") Duration lookupPause) {

    OrdersProperties {
        if (lookups < 1) {
            throw new IllegalArgumentException("tradebot.orders.lookups must be at least 1, not " + lookups);
        }
    }

    static OrdersProperties defaults() {
        return new OrdersProperties(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(90), 3, Duration.ofMillis(300));
    }
}
