package app.tradebot.strategy.rules;

import java.util.ArrayList;
import java.util.List;

import app.tradebot.strategy.Candle;
import app.tradebot.strategy.RecordingSignals;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.Undefined;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A candle where the deciding rule is undefined at run time, past the warm-up, trades nothing and is told
 * to the Signals with the expression it came from, its position in the source and the reason.
 */
class UndefinedRulesTest {

    /** Candles closing at the given prices; a price of 0 makes a candle whose high equals its low. */
    static List<Candle> candles(double... closes) {
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            double c = closes[i] == 0 ? 100 : closes[i];
            double spread = closes[i] == 0 ? 0 : 1;
            candles.add(new Candle(i * 60_000L, c, c + spread, c - spread, c, 10));
        }
        return candles;
    }

    static RecordingSignals run(String source, List<Candle> candles) {
        CompiledRules rules = CompiledRules.compile(source);
        Strategy strategy = rules.create(rules.defaults());
        return RecordingSignals.run(strategy, candles);
    }

    @Test
    void aDivisionByZeroIsToldWithItsExpressionAndPositionAndNothingTrades() {
        String source = """
                # buys when the close sits at the top of the candle's range
                entry: (close - low) / (high - low) > 0.9
                exit: close < 1
                """;
        RecordingSignals signals = run(source, candles(100, 101, 0, 102, 0, 0));

        assertThat(signals.unclear()).extracting(RecordingSignals.Unclear::index).containsExactly(2, 4, 5);
        Undefined why = signals.unclear().get(0).why();
        assertThat(why).isEqualTo(new Undefined("entry", "(close - low) / (high - low)", 2, 22, "divides by zero"));
        assertThat(why.message()).isEqualTo("entry is undefined: (close - low) / (high - low) (line 2, column 22) divides "
                + "by zero; nothing is traded on this candle");
        assertThat(signals.intents()).isEmpty();
    }

    @Test
    void whileHoldingTheExitDecidesAndOnlyItsUndefinednessIsTold() {
        String source = """
                entry: close > 0
                exit: volume / (high - low) > 1000 or close < sma(close, 2)[1]
                """;
        RecordingSignals signals = run(source, candles(100, 101, 102, 0, 103));

        // flat on candles 0 and 1 (the buy fills at candle 1's open; the exit decides from candle 1 on); candle 1 is
        // warm-up (sma(close, 2)[1] needs 3 candles)
        assertThat(signals.indices("buy")).containsExactly(0);
        assertThat(signals.unclear()).hasSize(1);
        RecordingSignals.Unclear unclear = signals.unclear().get(0);
        assertThat(unclear.index()).isEqualTo(3);
        assertThat(unclear.why().rule()).isEqualTo("exit");
        assertThat(unclear.why().expression()).isEqualTo("volume / (high - low)");
        assertThat(unclear.why().reason()).isEqualTo("divides by zero");
        assertThat(unclear.why().line()).isEqualTo(2);
        assertThat(unclear.why().column()).isEqualTo(14);
    }

    @Test
    void anIndicatorOfASeriesWithGapsIsNotReadyPastTheDerivedWarmUp() {
        // the compiler derives 3 candles; the ratio is undefined on candle 1, so on candle 2 the sma has had only
        // 2 of its 3 values; on candle 4 the ratio itself is undefined again
        String source = "entry: sma((close - low) / (high - low), 3) > 2\nexit: close < 1";
        RecordingSignals signals = run(source, candles(100, 0, 101, 102, 0, 103, 104));

        assertThat(signals.unclear()).extracting(u -> u.index() + ": " + u.why().expression() + " " + u.why().reason())
                .containsExactly(
                        "2: sma((close - low) / (high - low), 3) is not ready yet: it has had fewer than 3 candles where "
                                + "its series was defined",
                        "4: (close - low) / (high - low) divides by zero");
    }

    @Test
    void nothingIsToldDuringTheWarmUpAndTheExplanationsAreMadeOnce() {
        String source = "entry: close[3] / (high - low) > 1000\nexit: close < 1";
        RecordingSignals signals = run(source, candles(0, 0, 0, 0, 100, 0, 0));

        // warm-up: 4 candles (close[3]); every candle but 4 is a doji, and the first three are the warm-up's
        assertThat(signals.unclear()).extracting(RecordingSignals.Unclear::index).containsExactly(3, 5, 6);
        assertThat(signals.unclear().get(0).why()).isSameAs(signals.unclear().get(1).why())
                .isSameAs(signals.unclear().get(2).why());
        assertThat(signals.unclear().get(0).why().expression()).isEqualTo("close[3] / (high - low)");
    }

    @Test
    void theExpressionIsWrittenBackWithTheParenthesesItsMeaningNeeds() {
        for (String text : List.of("close - (open - low)", "(close - open) - low", "close / (high * low)",
                "-(close + 1)", "(close - open)[2]", "not (close > 1 and open < 2) or volume > 3",
                "macd(close, 12, 26, 9).signal", "bb(close, 20, 2.5).upper * -2", "close crosses above sma(close, 5)")) {
            assertThat(Ast.text(Parser.parseExpression(text))).isEqualTo(text.replace("(close - open) - low",
                    "close - open - low"));
        }
    }
}
