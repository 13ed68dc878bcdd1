package app.tradebot.exchange.fill;

import java.math.BigDecimal;

import app.tradebot.exchange.OrderRejected;
import app.tradebot.exchange.OrderRequest;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FillModelTest {

    static final SymbolRules BTC = new SymbolRules("BTCUSDT", "BTC", "USDT", "TRADING", new BigDecimal("0.01"),
            new BigDecimal("0.00001"), new BigDecimal("0.00001"), new BigDecimal("9000"), new BigDecimal("5"));

    /** 10 bp taker, 7.5 bp maker, 5 bp slippage. */
    final FillModel model = new FillModel(BTC, FillCosts.ofBps(10, 7.5, 5));

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aTakerPaysTheSlippageRoundedToTheTickAgainstIt() {
        assertThat(model.takerPrice(Side.BUY, d("30000.01"))).isEqualByComparingTo("30015.02");
        assertThat(model.takerPrice(Side.SELL, d("30000.01"))).isEqualByComparingTo("29985.00");
    }

    @Test
    void aMarketBuyForAQuoteAmountIsClippedToTheFreeQuoteAndPaysItsFeeInTheCoin() {
        Fill fill = model.market(OrderRequest.marketQuote("BTCUSDT", Side.BUY, d("1000"), "b"), d("30000"), d("0"),
                d("600"));

        // 600 at 30015 buys 0.01999 (0.0199900… rounded down to the step)
        assertThat(fill.price()).isEqualByComparingTo("30015");
        assertThat(fill.quantity()).isEqualByComparingTo("0.01999");
        assertThat(fill.quoteQuantity()).isEqualByComparingTo("599.99985");
        assertThat(fill.commission()).isEqualByComparingTo("0.00001999");
        assertThat(fill.commissionAsset()).isEqualTo("BTC");
        assertThat(fill.baseChange()).isEqualByComparingTo("0.01997001");
        assertThat(fill.maker()).isFalse();
    }

    @Test
    void aSellPaysItsFeeInTheQuoteRoundedUpToEightPlaces() {
        Fill fill = model.market(OrderRequest.market("BTCUSDT", Side.SELL, d("0.0123456"), "s"), d("30000"), d("1"),
                d("0"));

        assertThat(fill.quantity()).isEqualByComparingTo("0.01234");
        assertThat(fill.price()).isEqualByComparingTo("29985");
        assertThat(fill.quoteQuantity()).isEqualByComparingTo("370.0149");
        assertThat(fill.commission()).isEqualByComparingTo("0.37001490");
        assertThat(fill.commissionAsset()).isEqualTo("USDT");
        assertThat(fill.quoteChange()).isEqualByComparingTo("369.64488510");
    }

    @Test
    void whatTheBalanceCannotPayIsRefusedLikeBinanceAfterTheFilters() {
        assertThatThrownBy(() -> model.market(OrderRequest.market("BTCUSDT", Side.SELL, d("0.1"), "s"), d("30000"),
                d("0.05"), d("0"))).isInstanceOf(OrderRejected.class).extracting("code").isEqualTo(-2010);
        assertThatThrownBy(() -> model.market(OrderRequest.marketQuote("BTCUSDT", Side.BUY, d("100"), "b"), d("30000"),
                d("0"), d("0"))).isInstanceOf(OrderRejected.class).extracting("code").isEqualTo(-2010);
        // below the minimum order value: the filter speaks first
        assertThatThrownBy(() -> model.market(OrderRequest.market("BTCUSDT", Side.BUY, d("0.0001"), "b"), d("30000"),
                d("0"), d("0"))).isInstanceOf(OrderRejected.class).hasMessageContaining("NOTIONAL");
    }

    @Test
    void aRestingLimitFillsWhenTradedThroughNotWhenTouchedAtItsOwnPriceAsAMaker() {
        assertThat(model.resting(Side.BUY, d("100"), d("1"), d("105"), d("100"))).isNull();
        Fill buy = model.resting(Side.BUY, d("100"), d("1"), d("105"), d("99.99"));
        assertThat(buy.price()).isEqualByComparingTo("100");
        assertThat(buy.maker()).isTrue();
        assertThat(buy.commission()).isEqualByComparingTo("0.00075");
        assertThat(model.resting(Side.SELL, d("110"), d("1"), d("110"), d("90"))).isNull();
        // a candle that opened (and stayed) above a resting sell fills it at its own price
        assertThat(model.resting(Side.SELL, d("110"), d("1"), d("130"), d("120")).price()).isEqualByComparingTo("110");
    }

    @Test
    void aLimitAlreadyReachedWhenItArrivesIsATakerNeverBeyondItsPrice() {
        OrderRequest limit = model.limit(OrderRequest.limit("BTCUSDT", Side.BUY, d("0.010009"), d("30010.019"), "l"),
                d("30000"), d("0"), d("1000"), 0);

        assertThat(limit.price()).isEqualByComparingTo("30010.01");
        assertThat(limit.quantity()).isEqualByComparingTo("0.01");
        assertThat(model.marketable(Side.BUY, limit.price(), d("30000"))).isTrue();
        // the taker price 30015 is above the limit: the limit's price it is
        Fill fill = model.takeLimit(limit, d("30000"));
        assertThat(fill.price()).isEqualByComparingTo("30010.01");
        assertThat(fill.maker()).isFalse();
        assertThat(fill.commission()).isEqualByComparingTo("0.00001");
        assertThat(model.marketable(Side.BUY, d("29999.99"), d("30000"))).isFalse();
    }

    @Test
    void theStopIsCheckedBeforeTheTakeProfitAndFillsAtTheOpenWhenTheCandleGapsBelowIt() {
        Protection p = new Protection(d("1"), d("95"), d("110"), null, null);

        ExitCheck both = model.check(p, d("100"), d("120"), d("90"));
        assertThat(both.reason()).isEqualTo(ExitReason.STOP_LOSS);
        assertThat(both.fill().price()).isEqualByComparingTo("94.95"); // 95 less 5 bp, down to the tick
        ExitCheck gap = model.check(p, d("80"), d("85"), d("78"));
        assertThat(gap.fill().price()).isEqualByComparingTo("79.96");
        ExitCheck target = model.check(p, d("100"), d("111"), d("99"));
        assertThat(target.reason()).isEqualTo(ExitReason.TAKE_PROFIT);
        assertThat(target.fill().price()).isEqualByComparingTo("110");
        assertThat(target.fill().maker()).isTrue();
        assertThat(model.check(p, d("100"), d("110"), d("99")).triggered()).as("touching the take-profit").isFalse();
    }

    @Test
    void theTrailingStopRisesWithEachCandlesHighOnlyAfterTheCandleWasChecked() {
        Protection p = model.protection(d("1"), d("1"), d("100"), d("100"), Double.NaN, Double.NaN, 0.1);
        assertThat(model.stop(p)).isEqualByComparingTo("90");

        ExitCheck first = model.check(p, d("100"), d("120"), d("100"));
        assertThat(first.triggered()).isFalse();
        assertThat(model.stop(first.protection())).isEqualByComparingTo("108");
        ExitCheck second = model.check(first.protection(), d("115"), d("116"), d("107"));
        assertThat(second.reason()).isEqualTo(ExitReason.TRAILING_STOP);
    }

    @Test
    void protectivePricesComeFromTheAverageCostOnTheTickAndARemainderBelowTheFiltersIsDust() {
        Protection p = model.protection(d("0.5"), d("0.5"), d("30000.555"), d("30000"), 0.05, 0.1, Double.NaN);
        assertThat(p.stopLoss()).isEqualByComparingTo("28500.52");
        assertThat(p.takeProfit()).isEqualByComparingTo("33000.62");
        assertThat(model.dust(d("0.000009"), d("30000"))).isTrue();
        assertThat(model.dust(d("0.0001"), d("30000"))).as("worth 3, below the minimum of 5").isTrue();
        assertThat(model.dust(d("0.001"), d("30000"))).isFalse();
    }

    @Test
    void percentSizingMarksAllTheQuoteAndCoinsAtThePrice() {
        assertThat(FillModel.percentOfEquity(d("500"), d("0.01"), d("30000"), d("50"))).isEqualByComparingTo("400");
        assertThat(FillModel.quote(1.123456789)).isEqualByComparingTo("1.12345678");
    }

    @Test
    void roundTripsCloseWhenWhatIsLeftIsDust() {
        RoundTrips trips = new RoundTrips(model);
        Fill buy = model.market(OrderRequest.marketQuote("BTCUSDT", Side.BUY, d("300"), "b"), d("30000"), d("0"), d("300"));
        assertThat(trips.add(1, buy, null)).isNull();
        assertThat(trips.open()).isTrue();
        BigDecimal sell = model.sellQuantity(trips.held(), BigDecimal.ONE);
        RoundTrip trip = trips.add(2, model.market(OrderRequest.market("BTCUSDT", Side.SELL, sell, "s"), d("33000"),
                trips.held(), d("0")), "signal");

        assertThat(trip.quantity()).isEqualByComparingTo(buy.quantity());
        assertThat(trips.open()).isFalse();
        assertThat(trips.held()).as("the dust the fee left").isPositive();
        assertThat(trip.pnl()).isEqualByComparingTo(trip.exitPrice().multiply(sell)
                .subtract(trip.exitPrice().multiply(sell).multiply(d("0.001")).setScale(8, java.math.RoundingMode.UP))
                .subtract(buy.quoteQuantity()));
    }

    @Test
    void aDoubleBecomesTheDecimalItWasWrittenAs() {
        java.util.Random random = new java.util.Random(7);
        for (int k = 0; k < 100_000; k++) {
            double value = Math.round(random.nextDouble() * 1e12) / Math.pow(10, random.nextInt(9));
            assertThat(FillModel.plainDecimal(value)).as("%s", value)
                    .isEqualTo(BigDecimal.valueOf(value).stripTrailingZeros().scale() < 0
                            ? BigDecimal.valueOf(value).stripTrailingZeros().setScale(0)
                            : BigDecimal.valueOf(value).stripTrailingZeros());
        }
        assertThat(FillModel.plainDecimal(42000.01)).isEqualTo(new BigDecimal("42000.01"));
        assertThat(FillModel.plainDecimal(1e-9)).isEqualByComparingTo("0.000000001");
    }
}
