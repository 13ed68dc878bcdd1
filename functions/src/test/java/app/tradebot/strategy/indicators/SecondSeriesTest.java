package app.tradebot.strategy.indicators;

import app.tradebot.strategy.RealCandles;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.WMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DecimalNum;

import static app.tradebot.strategy.indicators.Reference.assertMatches;

/**
 * Every indicator with its usual parameters against ta4j on the other real series, ETH/USD 5 m
 * (580 candles, another price scale and volume profile than BTC/USD 4 h).
 */
class SecondSeriesTest {

    private final RealCandles eth = RealCandles.ethUsd5m();
    private final BarSeries series = Reference.series(eth);
    private final ClosePriceIndicator close = new ClosePriceIndicator(series);
    private final int n = eth.size();

    @Test
    void movingAverages() {
        Sma sma = new Sma(20);
        Ema ema = new Ema(20);
        Wma wma = new Wma(20);
        double[] s = new double[n];
        double[] e = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = sma.update(eth.close()[i]);
            e[i] = ema.update(eth.close()[i]);
            w[i] = wma.update(eth.close()[i]);
        }
        assertMatches("ETH SMA(20)", s, new SMAIndicator(close, 20), 19);
        assertMatches("ETH EMA(20)", e, new EMAIndicator(close, 20), 19);
        assertMatches("ETH WMA(20)", w, new WMAIndicator(close, 20), 19);
    }

    @Test
    void oscillators() {
        Rsi rsi = new Rsi(14);
        Macd macd = new Macd(12, 26, 9);
        Stochastic stochastic = new Stochastic(14, 3);
        double[] r = new double[n];
        double[] line = new double[n];
        double[] signal = new double[n];
        double[] k = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rsi.update(eth.close()[i]);
            macd.update(eth.close()[i]);
            line[i] = macd.line();
            signal[i] = macd.signal();
            stochastic.update(eth.high()[i], eth.low()[i], eth.close()[i]);
            k[i] = stochastic.k();
            d[i] = stochastic.d();
        }
        MACDIndicator referenceMacd = new MACDIndicator(close, 12, 26);
        StochasticOscillatorKIndicator referenceK = new StochasticOscillatorKIndicator(series, 14);
        assertMatches("ETH RSI(14)", r, new RSIIndicator(close, 14), 14);
        assertMatches("ETH MACD line", line, referenceMacd, 34);
        assertMatches("ETH MACD signal", signal, referenceMacd.getSignalLine(9), 34);
        assertMatches("ETH %K", k, referenceK, 13);
        assertMatches("ETH %D", d, new StochasticOscillatorDIndicator(referenceK), 15);
    }

    @Test
    void bandsChannelsRangeAndVolume() {
        BollingerBands bands = new BollingerBands(20, 2);
        Donchian donchian = new Donchian(20);
        Atr atr = new Atr(14);
        Vwap vwap = new Vwap(12);
        double[] upper = new double[n];
        double[] lower = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] a = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            bands.update(eth.close()[i]);
            upper[i] = bands.upper();
            lower[i] = bands.lower();
            donchian.update(eth.high()[i], eth.low()[i]);
            high[i] = donchian.upper();
            low[i] = donchian.lower();
            a[i] = atr.update(eth.high()[i], eth.low()[i], eth.close()[i]);
            v[i] = vwap.update(eth.high()[i], eth.low()[i], eth.close()[i], eth.volume()[i]);
        }
        BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, 20);
        assertMatches("ETH Bollinger upper", upper, new BollingerBandsUpperIndicator(middle, deviation, DecimalNum.valueOf(2)), 19);
        assertMatches("ETH Bollinger lower", lower, new BollingerBandsLowerIndicator(middle, deviation, DecimalNum.valueOf(2)), 19);
        assertMatches("ETH Donchian upper", high, new DonchianChannelUpperIndicator(series, 20), 19);
        assertMatches("ETH Donchian lower", low, new DonchianChannelLowerIndicator(series, 20), 19);
        assertMatches("ETH ATR(14)", a, new ATRIndicator(series, 14), 13);
        assertMatches("ETH VWAP(12)", v, new VWAPIndicator(series, 12), 11);
    }
}
