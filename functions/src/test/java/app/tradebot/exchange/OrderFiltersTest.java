package app.tradebot.exchange;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderFiltersTest {

    private final SymbolRules btc = new SymbolRules("BTCUSDT", "BTC", "USDT", "TRADING", new BigDecimal("0.01"),
            new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("9000"), new BigDecimal("5"));
    /** minQty not a multiple of stepSize: LOT_SIZE counts steps from minQty. */
    private final SymbolRules odd = new SymbolRules("ODDUSDT", "ODD", "USDT", "TRADING", new BigDecimal("0.5"),
            new BigDecimal("0.1"), new BigDecimal("0.15"), new BigDecimal("100"), new BigDecimal("1"));

    @Test
    void quantitiesRoundDownToTheStep() {
        assertThat(OrderFilters.roundQuantity(btc, new BigDecimal("0.0012399"))).isEqualByComparingTo("0.00123");
        assertThat(OrderFilters.roundQuantity(btc, new BigDecimal("1.000000009")).toPlainString()).isEqualTo("1");
        assertThat(OrderFilters.roundQuantity(odd, new BigDecimal("0.99"))).isEqualByComparingTo("0.95");
    }

    @Test
    void pricesRoundToTheTickInTheSidesFavour() {
        assertThat(OrderFilters.roundPrice(btc, new BigDecimal("30000.019"), Side.BUY).toPlainString()).isEqualTo("30000.01");
        assertThat(OrderFilters.roundPrice(btc, new BigDecimal("30000.011"), Side.SELL).toPlainString()).isEqualTo("30000.02");
        assertThat(OrderFilters.roundPrice(odd, new BigDecimal("2.7"), Side.BUY)).isEqualByComparingTo("2.5");
    }

    @Test
    void aLimitOrderIsSentRounded() {
        OrderRequest prepared = OrderFilters.prepare(btc,
                OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.0012399"), new BigDecimal("30000.019"), "c-1"), null);

        assertThat(prepared.quantity().toPlainString()).isEqualTo("0.00123");
        assertThat(prepared.price().toPlainString()).isEqualTo("30000.01");
        assertThat(prepared.clientOrderId()).isEqualTo("c-1");
    }

    @Test
    void belowTheMinimumNotionalIsRefusedWithTheNumbers() {
        assertThatThrownBy(() -> OrderFilters.prepare(btc,
                OrderRequest.limit("BTCUSDT", Side.BUY, new BigDecimal("0.0001"), new BigDecimal("30000"), "c-1"), null))
                .isInstanceOf(OrderRejected.class)
                .hasMessage("Filter failure: NOTIONAL: 0.0001 at 30000 is 3 USDT, below the minimum order value of 5 USDT for BTCUSDT")
                .satisfies(e -> assertThat(((OrderRejected) e).code()).isEqualTo(-1013));
        assertThatThrownBy(() -> OrderFilters.prepare(btc,
                OrderRequest.market("BTCUSDT", Side.SELL, new BigDecimal("0.0001"), "c-1"), new BigDecimal("30000")))
                .isInstanceOf(OrderRejected.class).hasMessageContaining("below the minimum order value of 5 USDT");
        assertThatThrownBy(() -> OrderFilters.prepare(btc,
                OrderRequest.marketQuote("BTCUSDT", Side.BUY, new BigDecimal("4.99"), "c-1"), new BigDecimal("30000")))
                .isInstanceOf(OrderRejected.class).hasMessageContaining("below the minimum order value");
    }

    @Test
    void aQuantityThatRoundsBelowTheMinimumIsRefused() {
        assertThatThrownBy(() -> OrderFilters.prepare(btc,
                OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("0.000009"), "c-1"), new BigDecimal("30000")))
                .isInstanceOf(OrderRejected.class)
                .hasMessage("Filter failure: LOT_SIZE: quantity 0.000009 is below the minimum 0.00001 of BTCUSDT");
    }

    @Test
    void malformedOrdersAreRefused() {
        assertThatThrownBy(() -> OrderFilters.prepare(btc,
                OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("1"), "not allowed!"), new BigDecimal("1")))
                .isInstanceOf(OrderRejected.class).hasMessageContaining("Illegal client order id");
        assertThatThrownBy(() -> OrderFilters.prepare(btc,
                OrderRequest.marketQuote("BTCUSDT", Side.SELL, new BigDecimal("100"), "c-1"), new BigDecimal("30000")))
                .isInstanceOf(OrderRejected.class).hasMessageContaining("quote quantity is for MARKET buys");
        assertThatThrownBy(() -> OrderFilters.prepare(btc,
                new OrderRequest("BTCUSDT", Side.BUY, OrderType.LIMIT, new BigDecimal("1"), null, null, "c-1"), null))
                .isInstanceOf(OrderRejected.class).hasMessage("A LIMIT order needs a quantity and a price");
        SymbolRules halted = new SymbolRules("BTCUSDT", "BTC", "USDT", "BREAK", btc.tickSize(), btc.stepSize(), btc.minQty(),
                btc.maxQty(), btc.minNotional());
        assertThatThrownBy(() -> OrderFilters.prepare(halted,
                OrderRequest.market("BTCUSDT", Side.BUY, new BigDecimal("1"), "c-1"), new BigDecimal("30000")))
                .isInstanceOf(OrderRejected.class).hasMessage("BTCUSDT is not trading (status BREAK)");
    }

    /** Every filter set: prices 1 to 100000, MARKET orders 0.001 to 50 on a 0.001 step, notional 10 to 100000 (max not for MARKET), 0.5x to 2x the average price, 3 open orders. */
    private final SymbolRules full = new SymbolRules("BTCUSDT", "BTC", "USDT", "TRADING", new BigDecimal("0.01"),
            new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("9000"), new BigDecimal("10"),
            new BigDecimal("1"), new BigDecimal("100000"), new BigDecimal("0.001"), new BigDecimal("0.001"),
            new BigDecimal("50"), new BigDecimal("100000"), true, false, new BigDecimal("2"), new BigDecimal("0.5"),
            new BigDecimal("2"), new BigDecimal("0.5"), 3);

    @Test
    void eachOfBinancesSpotFiltersRefusesWhatItRefusesInItsOwnWords() {
        BigDecimal average = new BigDecimal("30000");
        assertThatThrownBy(() -> OrderFilters.checkPrice(full, Side.BUY, new BigDecimal("0.5"), null))
                .hasMessageContaining("PRICE_FILTER").hasMessageContaining("below the minimum 1");
        assertThatThrownBy(() -> OrderFilters.checkPrice(full, Side.SELL, new BigDecimal("100000.01"), null))
                .hasMessageContaining("PRICE_FILTER").hasMessageContaining("above the maximum");
        assertThatThrownBy(() -> OrderFilters.checkPrice(full, Side.BUY, new BigDecimal("60000.01"), average))
                .isInstanceOf(OrderRejected.class).hasMessageContaining("PERCENT_PRICE_BY_SIDE");
        assertThatThrownBy(() -> OrderFilters.checkPrice(full, Side.SELL, new BigDecimal("14999.99"), average))
                .hasMessageContaining("PERCENT_PRICE_BY_SIDE");
        OrderFilters.checkPrice(full, Side.BUY, new BigDecimal("60000"), average);
        assertThatThrownBy(() -> OrderFilters.checkedMarketQuantity(full, new BigDecimal("0.0009")))
                .hasMessageContaining("MARKET_LOT_SIZE");
        assertThatThrownBy(() -> OrderFilters.checkedMarketQuantity(full, new BigDecimal("50.001")))
                .hasMessageContaining("MARKET_LOT_SIZE").hasMessageContaining("above the maximum 50");
        assertThat(OrderFilters.checkedMarketQuantity(full, new BigDecimal("1.23456"))).isEqualByComparingTo("1.234");
        assertThatThrownBy(() -> OrderFilters.checkNotional(full, new BigDecimal("100000.01"), false, "a limit"))
                .hasMessageContaining("NOTIONAL").hasMessageContaining("above the maximum order value");
        OrderFilters.checkNotional(full, new BigDecimal("100000.01"), true, "a market order");
        assertThatThrownBy(() -> OrderFilters.checkNotional(full, new BigDecimal("9.99"), true, "a market order"))
                .hasMessageContaining("below the minimum order value");
        OrderFilters.checkOpenOrders(full, 2);
        assertThatThrownBy(() -> OrderFilters.checkOpenOrders(full, 3)).isInstanceOf(OrderRejected.class)
                .hasMessageContaining("MAX_NUM_ORDERS").extracting("code").isEqualTo(-1013);
    }

    @Test
    void aProtectiveOrderIsNeverPreparedForTheExchangeAsAMarketSell() {
        assertThatThrownBy(() -> OrderFilters.prepare(btc, OrderRequest.protect("BTCUSDT", new BigDecimal("0.01"),
                new BigDecimal("29000"), null, null, "guard-1"), new BigDecimal("30000")))
                .isInstanceOf(OrderRejected.class).hasMessageContaining("Invalid orderType PROTECT")
                .extracting("code").isEqualTo(-1116);
    }

    @Test
    void aSymbolImportedWithoutFiltersGetsTheDocumentedDefaults() {
        SymbolRules imported = SymbolRules.unfiltered("XYZUSD", null, null);

        assertThat(imported.baseAsset()).isEqualTo("BASE");
        assertThat(imported.tickSize()).isEqualByComparingTo("0.00000001");
        assertThat(imported.stepSize()).isEqualByComparingTo("0.00000001");
        assertThat(imported.minNotional()).isZero();
        assertThat(imported.maxNumOrders()).isEqualTo(SymbolRules.DEFAULT_MAX_NUM_ORDERS);
    }
}
