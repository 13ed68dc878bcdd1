package app.tradebot.strategy.rules;

import java.util.List;
import java.util.Map;

import app.tradebot.strategy.Candle;
import app.tradebot.strategy.RealCandles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random valid expressions, compiled (shared cells, rings) and evaluated by the plain reference over
 * the whole real BTC 4 h history: the same value, bit for bit, on every candle.
 */
class RulesPropertyTest {

    private static final int EXPRESSIONS = 300;

    @Test
    void compiledExpressionsMatchTheReferenceOnEveryCandle() {
        List<Candle> bars = RealCandles.btcUsd4h().bars();
        int defined = 0;
        int trueSomewhere = 0;
        for (int k = 0; k < EXPRESSIONS; k++) {
            RandomRules random = new RandomRules(k);
            String source = k % 2 == 0 ? random.number(4) : random.condition(4);
            Ast.Expr e = Parser.parseExpression(source);
            double[] compiled = CompiledRules.trace(e, Map.of(), bars);
            double[] reference = new ReferenceEvaluator(bars, Map.of()).eval(e);
            for (int i = 0; i < bars.size(); i++) {
                if (Double.compare(compiled[i], reference[i]) != 0) {
                    fail("expression %d `%s` at candle %d: compiled %s, reference %s", k, source, i, compiled[i],
                            reference[i]);
                }
            }
            defined += java.util.Arrays.stream(compiled).anyMatch(v -> !Double.isNaN(v)) ? 1 : 0;
            trueSomewhere += k % 2 == 1 && java.util.Arrays.stream(compiled).anyMatch(v -> v == 1) ? 1 : 0;
        }
        // the expressions say something: most are defined somewhere, conditions hold somewhere
        assertThat(defined).isGreaterThan(EXPRESSIONS / 2);
        assertThat(trueSomewhere).isGreaterThan(EXPRESSIONS / 10);
    }

    @Test
    void theReferenceDisagreesWithAWrongCompilation() {
        List<Candle> bars = RealCandles.btcUsd4h().bars();
        double[] reference = new ReferenceEvaluator(bars, Map.of()).eval(Parser.parseExpression("close[3]"));
        double[] other = CompiledRules.trace(Parser.parseExpression("close[2]"), Map.of(), bars);
        assertThat(reference).isNotEqualTo(other);
    }

    @Test
    void aRepeatedIndicatorIsOneCell() {
        CompiledRules rules = CompiledRules.compile("""
                param fast: integer [1, 50] = 20
                entry: sma(close, fast) > sma(close, 20) * 1.01 and sma(close, 20)[1] < sma(close, 20)
                exit: sma(close, 20) crosses below ema(close, 20)
                """);
        // close, sma(close,20), *, >, [1], <, and, ema, crosses (constants are no cells); fast = 10 adds sma(close,10)
        assertThat(rules.cellCount(Map.of("fast", 20))).isEqualTo(9);
        assertThat(rules.cellCount(Map.of("fast", 10))).isEqualTo(10);
    }
}
