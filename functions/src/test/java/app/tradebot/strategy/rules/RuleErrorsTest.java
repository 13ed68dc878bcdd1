package app.tradebot.strategy.rules;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Bad sources fail with the line, column and a message a trader understands; none runs long. */
class RuleErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            entry: close > smaa(close, 3)\\nexit: close < 1                | 1 | 16 | unknown function 'smaa'
            entry: close > fast\\nexit: close < 1                         | 1 | 16 | unknown name 'fast'
            entry: sma(close) > 1\\nexit: close < 1                       | 1 | 8  | sma takes 2 arguments (series, period), not 1
            entry: close + 1\\nexit: close < 1                            | 1 | 14 | entry: must be a condition
            entry: close > close[-1]\\nexit: close < 1                    | 1 | 22 | [-1] would read a later candle
            entry: close > 1\\nexit: macd(close, 12, 26, 9) > 0           | 2 | 28 | has several outputs; pick one
            entry: close > 1\\nexit: bb(close, 20, 2).width > 0           | 2 | 24 | bb has no output 'width'
            entry: close > 1 and\\nexit: close < 1                        | 2 | 1  | unexpected 'exit'; the expression before it is not finished
            entry: close > 1\\n\\n  exit: (close < 1                      | 3 | 19 | expected ')' to close the '(' at line 3, column 9
            entry: close > 1 > 2\\nexit: close < 1                        | 1 | 18 | comparisons cannot be chained
            entry: sma(close, 2.5) > 1\\nexit: close < 1                  | 1 | 19 | must be a whole number from 1 to 5000
            param p: number [1, 10] = 3\\nentry: sma(close, p) > 1\\nexit: close < 1 | 2 | 19 | declare p as integer
            param p: integer [1, 10] = 30\\nentry: close > p\\nexit: close < 1 | 1 | 28 | the default 30 is outside [1, 10]
            entry: close > 1\\nexit: close < 1\\nstopLoss: close * 0.1    | 3 | 17 | stopLoss: must be made of numbers and parameters only
            entry: close > 1\\nexit: close < 1\\nstopLoss: 2              | 3 | 11 | stopLoss must be above 0 and below 1
            entry: close > 1                                              | 1 | 17 | the strategy has no exit: rule
            entry: close > 1\\nexit: close = 1                            | 2 | 13 | use == to compare
            entry: close $ 1\\nexit: close < 1                            | 1 | 14 | unexpected character '$'
            entry: macd(close, 26, 12, 9).line > 1\\nexit: close < 1      | 1 | 8  | fast period must not exceed its slow one
            """)
    void aBadSourceIsRefusedWithItsPosition(String source, int line, int column, String message) {
        String text = source.replace("\\n", "\n");
        assertThatThrownBy(() -> compile(text))
                .isInstanceOfSatisfying(RuleException.class, e -> {
                    RuleError error = e.errors().get(0);
                    assertThat(error.message()).contains(message);
                    assertThat(error.line()).as(error.toString()).isEqualTo(line);
                    assertThat(error.column()).as(error.toString()).isEqualTo(column);
                });
    }

    private static void compile(String text) {
        CompiledRules.compile(text);
    }

    @Test
    void everyErrorIsReportedInOrderNotOnlyTheFirst() {
        String source = """
                param fast: integer [1, 50] = 70
                param slow: integer [2, 200] = 50
                entry: ema(close, fast) crosses above emaa(close, slow) and rsi(close, 14) < 70
                exit: close < foo and close[-1] > 1
                stopLoss: close * 0.1
                takeProfit: 0.1 +
                trailingStop: 0.05 $
                """;
        // a broken declaration (fast) and a broken call (emaa) cause no second error where they are used
        assertThat(errors(source)).containsExactly(
                "line 1, column 31: the default 70 is outside [1, 50]",
                "line 3, column 39: unknown function 'emaa'; the functions are atr, bb, donchian, ema, macd, rsi, sma, "
                        + "stoch, vwap, wma",
                "line 4, column 15: unknown name 'foo'; declare it first with: param foo: number [min, max] = default "
                        + "(parameters so far: slow)",
                "line 4, column 29: [-1] would read a later candle; only past candles can be read (0 is the current one, "
                        + "1 the one before)",
                "line 5, column 17: stopLoss: must be made of numbers and parameters only",
                "line 7, column 1: unexpected 'trailingStop'; the expression before it is not finished",
                "line 7, column 20: unexpected character '$'");
    }

    @Test
    void aSyntaxErrorEndsItsSectionAndTheNextOnesAreStillChecked() {
        assertThat(errors("entry: close > > 1\nexit: sma(close) > 1 and macd(close, 12, 26, 9) > 0 "
                + "or bb(close, 20, -2).upper > 1 = 2")).containsExactly(
                "line 1, column 16: expected a number, a candle value, a parameter or an indicator, found '>'",
                "line 2, column 7: sma takes 2 arguments (series, period), not 1; it is written sma(series, period)",
                "line 2, column 47: macd(...) has several outputs; pick one: .line, .signal, .histogram",
                "line 2, column 70: bb's k must be positive",
                "line 2, column 84: unexpected '='; expected an operator, or the next section");
        // characters the lexer cannot read are each reported, and the section they cut short says nothing more
        assertThat(errors("entry: close $ 1 and volume @ 2\nexit: close + 1")).containsExactly(
                "line 1, column 14: unexpected character '$'",
                "line 1, column 29: unexpected character '@'",
                "line 2, column 13: exit: must be a condition (true or false)");
        assertThat(errors("entry: close > 1\nexit: close < 1\nstopLoss: 2\ntakeProfit: 0")).containsExactly(
                "line 3, column 11: stopLoss must be above 0 and below 1 (a fraction of the entry price, 0.05 = 5 %), "
                        + "but is 2.0 with the defaults",
                "line 4, column 13: takeProfit must be above 0 (a fraction of the entry price, 0.05 = 5 %), but is 0.0 "
                        + "with the defaults");
    }

    @Test
    void manyErrorsAreCappedAndStillQuick() {
        String source = "entry: " + "nope > 1 and ".repeat(600) + "close > 1\nexit: close < 1";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(errors(source))
                .hasSize(Parser.MAX_ERRORS).allMatch(e -> e.contains("unknown name 'nope'")));
    }

    private static java.util.List<String> errors(String source) {
        try {
            CompiledRules.compile(source);
        }
        catch (RuleException e) {
            return e.errors().stream().map(RuleError::toString).toList();
        }
        throw new AssertionError("compiled: " + source);
    }

    @Test
    void limitsKeepTheCompilerShort() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            String deep = "entry: " + "(".repeat(4_000) + "close" + ")".repeat(4_000) + " > 1\nexit: close < 1";
            assertThatThrownBy(() -> CompiledRules.compile(deep)).hasMessageContaining("nested too deeply");
            String nots = "entry: " + "not ".repeat(2_000) + "close > 1\nexit: close < 1";
            assertThatThrownBy(() -> CompiledRules.compile(nots)).hasMessageContaining("nested too deeply");
            String many = "entry: " + "sma(close, 2) + ".repeat(41) + "1 > 0\nexit: close < 1";
            assertThatThrownBy(() -> CompiledRules.compile(many)).hasMessageContaining("too many indicators (at most 40)");
            String large = "entry: close > 1\nexit: close < 1\n" + "#".repeat(10_000);
            assertThatThrownBy(() -> CompiledRules.compile(large)).hasMessageContaining("at most 10000");
            String farBack = "entry: close[1001] > 1\nexit: close < 1";
            assertThatThrownBy(() -> CompiledRules.compile(farBack)).hasMessageContaining("at most 1000 candles ago");
        });
    }

    @Test
    void theWarmUpFollowsTheIndicatorsAndLookBacks() {
        CompiledRules rules = CompiledRules.compile("""
                param slow: integer [2, 400] = 50
                entry: sma(close, 10) crosses above sma(close, slow)
                exit: rsi(close, 14)[5] > 70 or macd(close, 12, 26, 9).signal < 0
                """);
        assertThat(rules.warmUp(rules.defaults())).isEqualTo(51);
        assertThat(rules.warmUp(java.util.Map.of("slow", 2))).isEqualTo(35);
        assertThat(CompiledRules.compile("entry: ema(rsi(close, 14), 10) > 50\nexit: close < 1").warmUp(java.util.Map.of()))
                .isEqualTo(24);
    }
}
