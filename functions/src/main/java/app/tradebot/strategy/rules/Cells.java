package app.tradebot.strategy.rules;

import app.tradebot.strategy.Bar;
import app.tradebot.strategy.Undefined;
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
 * The cells a compiled strategy is made of: one per distinct sub-expression, updated once per
 * candle in dependency order. NaN is "undefined" (not warmed up, division by zero); conditions are
 * 1 (true), 0 (false) or NaN. No cell allocates while updating.
 */
final class Cells {

    private Cells() {
    }

    abstract static class Cell {

        double value = Double.NaN;
        /** Where the sub-expression is first written: what an undefined value is explained by. */
        Ast.Expr expr;
        private Undefined[] explained;

        abstract void update();

        /** An input whose undefined value made this cell undefined on this candle; null: it began here. */
        Cell undefinedInput() {
            return null;
        }

        /** Why this cell is undefined while its inputs are not: 0 or 1, a reason of {@link #reason}. */
        int why() {
            return 0;
        }

        String reason(int why) {
            return "is undefined";
        }

        /** The explanation for this cell undefining {@code rule}; made once per rule and reason, then reused. */
        final Undefined explain(boolean entry, int why) {
            if (explained == null) {
                explained = new Undefined[4];
            }
            int slot = (entry ? 0 : 2) + why;
            if (explained[slot] == null) {
                explained[slot] = new Undefined(entry ? "entry" : "exit", Ast.text(expr), expr.line(), expr.column(),
                        reason(why));
            }
            return explained[slot];
        }
    }

    /** The cell an undefined value began at: followed from {@code cell} through its undefined inputs. */
    static Cell origin(Cell cell) {
        Cell at = cell;
        for (Cell input = at.undefinedInput(); input != null; input = at.undefinedInput()) {
            at = input;
        }
        return at;
    }

    private static Cell undefined(Cell a) {
        return a.value != a.value ? a : null;
    }

    private static Cell undefined(Cell a, Cell b) {
        return a.value != a.value ? a : b.value != b.value ? b : null;
    }

    private static String warmingUp(String what, int candles) {
        return "is not ready yet: it has had fewer than " + candles + " candles where " + what + " was defined";
    }

    /** The candle being decided on; the only thing field cells read. */
    static final class Current {

        Bar bar;
    }

    static final class Constant extends Cell {

        Constant(double value) {
            this.value = value;
        }

        @Override
        void update() {
        }
    }

    static final class Field extends Cell {

        private final Current current;
        private final int which;

        Field(Current current, String name) {
            this.current = current;
            this.which = Functions.FIELDS.indexOf(name);
        }

        @Override
        void update() {
            Bar bar = current.bar;
            switch (which) {
                case 0 -> value = bar.open();
                case 1 -> value = bar.high();
                case 2 -> value = bar.low();
                case 3 -> value = bar.close();
                default -> value = bar.volume();
            }
        }
    }

    static final class Negate extends Cell {

        private final Cell a;

        Negate(Cell a) {
            this.a = a;
        }

        @Override
        Cell undefinedInput() {
            return undefined(a);
        }

        @Override
        void update() {
            value = -a.value;
        }
    }

    static final class Not extends Cell {

        private final Cell a;

        Not(Cell a) {
            this.a = a;
        }

        @Override
        Cell undefinedInput() {
            return undefined(a);
        }

        @Override
        void update() {
            double x = a.value;
            value = x != x ? Double.NaN : 1 - x;
        }
    }

    static final class Arithmetic extends Cell {

        private final char op;
        private final Cell a;
        private final Cell b;

        Arithmetic(char op, Cell a, Cell b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        void update() {
            double x = a.value;
            double y = b.value;
            double r = switch (op) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                default -> x / y;
            };
            value = Double.isFinite(r) ? r : Double.NaN;
        }

        @Override
        Cell undefinedInput() {
            return undefined(a, b);
        }

        @Override
        int why() {
            return op == '/' && b.value == 0 ? 0 : 1;
        }

        @Override
        String reason(int why) {
            return why == 0 ? "divides by zero" : "is too large a number";
        }
    }

    /** Comparisons, and, or: undefined when either side is. */
    static final class Logic extends Cell {

        private final String op;
        private final int code;
        private final Cell a;
        private final Cell b;

        Logic(String op, Cell a, Cell b) {
            this.op = op;
            this.code = switch (op) {
                case "<" -> 0;
                case "<=" -> 1;
                case ">" -> 2;
                case ">=" -> 3;
                case "==" -> 4;
                case "!=" -> 5;
                case "and" -> 6;
                case "or" -> 7;
                default -> throw new IllegalArgumentException(op);
            };
            this.a = a;
            this.b = b;
        }

        @Override
        void update() {
            double x = a.value;
            double y = b.value;
            if (x != x || y != y) {
                value = Double.NaN;
                return;
            }
            boolean r = switch (code) {
                case 0 -> x < y;
                case 1 -> x <= y;
                case 2 -> x > y;
                case 3 -> x >= y;
                case 4 -> x == y;
                case 5 -> x != y;
                case 6 -> x == 1 && y == 1;
                default -> x == 1 || y == 1;
            };
            value = r ? 1 : 0;
        }

        @Override
        Cell undefinedInput() {
            return undefined(a, b);
        }

        @Override
        public String toString() {
            return op;
        }
    }

    /** a crosses above b: a was at or below b on the previous candle and is above it now. */
    static final class Cross extends Cell {

        private final boolean above;
        private final Cell a;
        private final Cell b;
        private double previousA = Double.NaN;
        private double previousB = Double.NaN;

        Cross(boolean above, Cell a, Cell b) {
            this.above = above;
            this.a = a;
            this.b = b;
        }

        @Override
        void update() {
            double x = a.value;
            double y = b.value;
            if (x != x || y != y || previousA != previousA || previousB != previousB) {
                value = Double.NaN;
            }
            else if (above) {
                value = previousA <= previousB && x > y ? 1 : 0;
            }
            else {
                value = previousA >= previousB && x < y ? 1 : 0;
            }
            previousA = x;
            previousB = y;
        }

        @Override
        Cell undefinedInput() {
            return undefined(a, b);
        }

        @Override
        String reason(int why) {
            return "needs both sides defined on the previous candle too, and they were not";
        }
    }

    /** x[n]: a ring of the last n + 1 values of x. */
    static final class Ago extends Cell {

        private final Cell a;
        private final double[] ring;
        private int next;
        private long count;

        Ago(Cell a, int candles) {
            this.a = a;
            this.ring = new double[candles + 1];
        }

        @Override
        void update() {
            ring[next] = a.value;
            next = next + 1 == ring.length ? 0 : next + 1;
            count++;
            // after the write, next is the oldest slot: the value n candles ago
            value = count >= ring.length ? ring[next == ring.length ? 0 : next] : Double.NaN;
        }

        @Override
        int why() {
            return count < ring.length ? 0 : 1;
        }

        @Override
        String reason(int why) {
            int candles = ring.length - 1;
            return why == 0 ? "needs " + candles + " earlier candles, and fewer were shown"
                    : "reads a value that was undefined " + candles + " candle" + (candles == 1 ? "" : "s") + " ago";
        }
    }

    /** A single-valued indicator of a series; it sees only the candles where the series is defined. */
    static final class Average extends Cell {

        private final Cell input;
        private final MovingAverage average;
        private final int needed;

        /** {@code needed}: the defined values of the series it takes to be ready. */
        Average(Cell input, MovingAverage average, int needed) {
            this.input = input;
            this.average = average;
            this.needed = needed;
        }

        @Override
        Cell undefinedInput() {
            return undefined(input);
        }

        @Override
        String reason(int why) {
            return warmingUp("its series", needed);
        }

        /** sma, ema, wma, or rsi (which streams like them). */
        static MovingAverage of(String function, int period) {
            return switch (function) {
                case "sma" -> new Sma(period);
                case "ema" -> new Ema(period);
                case "wma" -> new Wma(period);
                case "rsi" -> rsi(new Rsi(period));
                default -> throw new IllegalArgumentException(function);
            };
        }

        private static MovingAverage rsi(Rsi rsi) {
            return new MovingAverage() {
                @Override
                public double update(double value) {
                    return rsi.update(value);
                }

                @Override
                public double value() {
                    return rsi.value();
                }

                @Override
                public boolean isReady() {
                    return rsi.isReady();
                }
            };
        }

        @Override
        void update() {
            double x = input.value;
            if (x != x) {
                value = Double.NaN;
                return;
            }
            double v = average.update(x);
            value = average.isReady() ? v : Double.NaN;
        }
    }

    /** The indicators with several outputs: updated once, read by {@link Output} cells. */
    abstract static class Multi extends Cell {

        boolean ready;

        /** The output at this index of the function's members (Functions). */
        abstract double output(int member);

        /** The series it reads (null: the candles). */
        Cell series() {
            return null;
        }
    }

    static final class MacdCell extends Multi {

        private final Cell input;
        private final Macd macd;

        MacdCell(Cell input, int fast, int slow, int signal) {
            this.input = input;
            this.macd = new Macd(fast, slow, signal);
        }

        @Override
        Cell series() {
            return input;
        }

        @Override
        void update() {
            double x = input.value;
            if (x != x) {
                ready = false;
                return;
            }
            macd.update(x);
            ready = macd.isReady();
        }

        @Override
        double output(int member) {
            return switch (member) {
                case 0 -> macd.line();
                case 1 -> macd.signal();
                default -> macd.histogram();
            };
        }
    }

    static final class BollingerCell extends Multi {

        private final Cell input;
        private final BollingerBands bands;

        BollingerCell(Cell input, int period, double k) {
            this.input = input;
            this.bands = new BollingerBands(period, k);
        }

        @Override
        Cell series() {
            return input;
        }

        @Override
        void update() {
            double x = input.value;
            if (x != x) {
                ready = false;
                return;
            }
            bands.update(x);
            ready = bands.isReady();
        }

        @Override
        double output(int member) {
            return switch (member) {
                case 0 -> bands.upper();
                case 1 -> bands.middle();
                default -> bands.lower();
            };
        }
    }

    static final class StochasticCell extends Multi {

        private final Current current;
        private final Stochastic stochastic;

        StochasticCell(Current current, int k, int d) {
            this.current = current;
            this.stochastic = new Stochastic(k, d);
        }

        @Override
        void update() {
            Bar bar = current.bar;
            stochastic.update(bar.high(), bar.low(), bar.close());
            ready = stochastic.isReady();
        }

        @Override
        double output(int member) {
            return member == 0 ? stochastic.k() : stochastic.d();
        }
    }

    static final class DonchianCell extends Multi {

        private final Current current;
        private final Donchian donchian;

        DonchianCell(Current current, int period) {
            this.current = current;
            this.donchian = new Donchian(period);
        }

        @Override
        void update() {
            Bar bar = current.bar;
            donchian.update(bar.high(), bar.low());
            ready = donchian.isReady();
        }

        @Override
        double output(int member) {
            return switch (member) {
                case 0 -> donchian.upper();
                case 1 -> donchian.middle();
                default -> donchian.lower();
            };
        }
    }

    /** One output of a multi-output indicator: its index in the function's member list. */
    static final class Output extends Cell {

        private final Multi source;
        private final int member;

        Output(Multi source, int member) {
            this.source = source;
            this.member = member;
        }

        @Override
        Cell undefinedInput() {
            Cell series = source.series();
            return !source.ready && series != null ? undefined(series) : null;
        }

        @Override
        int why() {
            return source.ready ? 1 : 0;
        }

        @Override
        String reason(int why) {
            return why == 1 ? "has no value on this candle (no price range, or a zero divisor, in its window)"
                    : source.series() != null ? "is not ready yet: its series was undefined on some of the candles it needs"
                    : "is not ready yet: it needs more candles";
        }

        @Override
        void update() {
            if (!source.ready) {
                value = Double.NaN;
                return;
            }
            double v = source.output(member);
            value = Double.isFinite(v) ? v : Double.NaN;
        }
    }

    static final class AtrCell extends Cell {

        private final Current current;
        private final Atr atr;

        AtrCell(Current current, int period) {
            this.current = current;
            this.atr = new Atr(period);
        }

        @Override
        String reason(int why) {
            return "is not ready yet: it needs more candles";
        }

        @Override
        void update() {
            Bar bar = current.bar;
            double v = atr.update(bar.high(), bar.low(), bar.close());
            value = atr.isReady() ? v : Double.NaN;
        }
    }

    static final class VwapCell extends Cell {

        private final Current current;
        private final Vwap vwap;

        VwapCell(Current current, int period) {
            this.current = current;
            this.vwap = new Vwap(period);
        }

        @Override
        int why() {
            return vwap.isReady() ? 1 : 0;
        }

        @Override
        String reason(int why) {
            return why == 0 ? "is not ready yet: it needs more candles" : "has no volume in its window";
        }

        @Override
        void update() {
            Bar bar = current.bar;
            double v = vwap.update(bar.high(), bar.low(), bar.close(), bar.volume());
            value = vwap.isReady() && Double.isFinite(v) ? v : Double.NaN;
        }
    }
}
