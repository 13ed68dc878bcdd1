package app.tradebot.exchange.paper;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tradebot.exchange.paper.*}: how simulated fills are priced. In basis points (1 bp = 0.01 %):
 * a MARKET order fills {@code slippageBps} worse than the latest price and pays {@code takerFeeBps};
 * a LIMIT order fills at its price and pays {@code makerFeeBps} (Binance's default is 10 for both).
 */
@ConfigurationProperties("tradebot.exchange.paper")
record PaperProperties(
        @DefaultValue("5") int slippageBps,
        @DefaultValue("10") int takerFeeBps,
        @DefaultValue("10") int makerFeeBps) {

    PaperProperties {
        if (slippageBps < 0 || takerFeeBps < 0 || makerFeeBps < 0 || slippageBps > 1000 || takerFeeBps > 1000 || makerFeeBps > 1000) {
            throw new IllegalArgumentException("tradebot.exchange.paper slippage and fees must be 0 to 1000 bps, not "
                    + slippageBps + "/" + takerFeeBps + "/" + makerFeeBps);
        }
    }
}
