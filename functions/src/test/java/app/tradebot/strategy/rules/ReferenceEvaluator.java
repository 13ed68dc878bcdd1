package app.tradebot.strategy.rules;

import java.util.List;
import java.util.Map;

import app.tradebot.strategy.Bar;
import app.tradebot.strategy.indicators.Atr;
import app.tradebot.strategy.indicators.BollingerBands;
import app.tradebot.strategy.indicators.Donchian;
import app.tradebot.strategy.indicators.Ema;
import app.tradebot.strategy.indicators.Macd;
import app.tradebot.strategy.indicators.MovingAverage;
import app.tradebot.strategy.indicators.Rsi;
import app.tradebot.strategy.indicators.Sma;
import app.tradebot.strategy.indicators.Stochastic;
import app.tradebot.strategy.indicators.Vwap;
import app.tradebot.strategy.indicators.Wma;

/**
 * The language's meaning, written the plain way: every node of the tree is evaluated on its own,
 * over the whole history at once (arrays, no sharing, no rings), from the definitions in README.
 * The indicators themselves are the tested indicator classes, fed a whole column.
 */
final class ReferenceEvaluator {

    private final List<? extends Bar> bars;
    private final Map<String, Double> params;
    private final int n;

    ReferenceEvaluator(List<? extends Bar> bars, Map<String, Double> params) {
        this.bars = bars;
        this.params = params;
        this.n = bars.size();
    }

    double[] eval(Ast.Expr e) {
        double[] out = new double[n];
        if (e instanceof Ast.Num num) {
            java.util.Arrays.fill(out, num.value());
        }
        else if (e instanceof Ast.ParamRef p) {
            java.util.Arrays.fill(out, params.get(p.name()));
        }
        else if (e instanceof Ast.Field f) {
            for (int i = 0; i < n; i++) {
                Bar b = bars.get(i);
                out[i] = switch (f.name()) {
                    case "open" -> b.open();
                    case "high" -> b.high();
                    case "low" -> b.low();
                    case "close" -> b.close();
                    default -> b.volume();
                };
            }
        }
        else if (e instanceof Ast.Unary u) {
            double[] x = eval(u.operand());
            for (int i = 0; i < n; i++) {
                out[i] = u.op().equals("-") ? -x[i] : Double.isNaN(x[i]) ? Double.NaN : x[i] == 1 ? 0 : 1;
            }
        }
        else if (e instanceof Ast.Binary b) {
            double[] x = eval(b.left());
            double[] y = eval(b.right());
            for (int i = 0; i < n; i++) {
                out[i] = binary(b.op(), x, y, i);
            }
        }
        else if (e instanceof Ast.Ago a) {
            double[] x = eval(a.operand());
            int k = (int) CompiledRules.evaluateConstant(a.candles(), params);
            for (int i = 0; i < n; i++) {
                out[i] = i - k >= 0 ? x[i - k] : Double.NaN;
            }
        }
        else {
            call((Ast.Call) e, out);
        }
        return out;
    }

    private static double binary(String op, double[] x, double[] y, int i) {
        double a = x[i];
        double b = y[i];
        switch (op) {
            case "+", "-", "*", "/" -> {
                double r = op.equals("+") ? a + b : op.equals("-") ? a - b : op.equals("*") ? a * b : a / b;
                return Double.isFinite(r) ? r : Double.NaN;
            }
            case "crosses above", "crosses below" -> {
                if (i == 0 || Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(x[i - 1]) || Double.isNaN(y[i - 1])) {
                    return Double.NaN;
                }
                boolean crossed = op.endsWith("above") ? x[i - 1] <= y[i - 1] && a > b : x[i - 1] >= y[i - 1] && a < b;
                return crossed ? 1 : 0;
            }
            default -> {
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    return Double.NaN;
                }
                boolean r = switch (op) {
                    case "<" -> a < b;
                    case "<=" -> a <= b;
                    case ">" -> a > b;
                    case ">=" -> a >= b;
                    case "==" -> a == b;
                    case "!=" -> a != b;
                    case "and" -> a == 1 && b == 1;
                    default -> a == 1 || b == 1;
                };
                return r ? 1 : 0;
            }
        }
    }

    private void call(Ast.Call c, double[] out) {
        int[] p = CompiledRules.periods(c, params);
        String member = c.member();
        switch (c.function()) {
            case "sma", "ema", "wma", "rsi", "macd", "bb" -> {
                double[] x = eval(c.args().get(0));
                MovingAverage average = switch (c.function()) {
                    case "sma" -> new Sma(p[0]);
                    case "ema" -> new Ema(p[0]);
                    case "wma" -> new Wma(p[0]);
                    default -> null;
                };
                Rsi rsi = c.function().equals("rsi") ? new Rsi(p[0]) : null;
                Macd macd = c.function().equals("macd") ? new Macd(p[0], p[1], p[2]) : null;
                BollingerBands bands = c.function().equals("bb")
                        ? new BollingerBands(p[0], CompiledRules.evaluateConstant(c.args().get(2), params)) : null;
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(x[i])) {
                        out[i] = Double.NaN;
                        continue;
                    }
                    double v;
                    boolean ready;
                    if (average != null) {
                        v = average.update(x[i]);
                        ready = average.isReady();
                    }
                    else if (rsi != null) {
                        v = rsi.update(x[i]);
                        ready = rsi.isReady();
                    }
                    else if (macd != null) {
                        macd.update(x[i]);
                        v = member.equals("line") ? macd.line() : member.equals("signal") ? macd.signal() : macd.histogram();
                        ready = macd.isReady();
                    }
                    else {
                        bands.update(x[i]);
                        v = member.equals("upper") ? bands.upper() : member.equals("middle") ? bands.middle() : bands.lower();
                        ready = bands.isReady();
                    }
                    out[i] = ready && Double.isFinite(v) ? v : Double.NaN;
                }
            }
            default -> {
                Atr atr = new Atr(p[0]);
                Vwap vwap = new Vwap(p[0]);
                Donchian donchian = new Donchian(p[0]);
                Stochastic stochastic = c.function().equals("stoch") ? new Stochastic(p[0], p[1]) : null;
                for (int i = 0; i < n; i++) {
                    Bar b = bars.get(i);
                    double v;
                    boolean ready;
                    switch (c.function()) {
                        case "atr" -> {
                            v = atr.update(b.high(), b.low(), b.close());
                            ready = atr.isReady();
                        }
                        case "vwap" -> {
                            v = vwap.update(b.high(), b.low(), b.close(), b.volume());
                            ready = vwap.isReady();
                        }
                        case "stoch" -> {
                            stochastic.update(b.high(), b.low(), b.close());
                            v = member.equals("k") ? stochastic.k() : stochastic.d();
                            ready = stochastic.isReady();
                        }
                        default -> {
                            donchian.update(b.high(), b.low());
                            v = member.equals("upper") ? donchian.upper()
                                    : member.equals("middle") ? donchian.middle() : donchian.lower();
                            ready = donchian.isReady();
                        }
                    }
                    out[i] = ready && Double.isFinite(v) ? v : Double.NaN;
                }
            }
        }
    }
}
