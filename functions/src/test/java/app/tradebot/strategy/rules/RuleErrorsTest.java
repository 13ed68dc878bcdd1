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
            entry: close > 1\\nexit: close < 1\\nstopLoss: 2              | 1 | 1  | stopLoss must be above 0 and below 1
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
        try {
            CompiledRules.compile(text);
        }
        catch (IllegalArgumentException e) {
            // exits out of range for the defaults: reported at the start
            throw new RuleException(1, 1, e.getMessage());
        }
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
