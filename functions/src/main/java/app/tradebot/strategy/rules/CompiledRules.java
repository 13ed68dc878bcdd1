package app.tradebot.strategy.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.tradebot.strategy.Bar;
import app.tradebot.strategy.Exits;
import app.tradebot.strategy.Signals;
import app.tradebot.strategy.Strategy;
import app.tradebot.strategy.rules.Ast.Expr;

/**
 * A checked strategy source: its parameter schema, and fresh streaming {@link Strategy} instances for
 * given parameter values. An instance computes every distinct sub-expression (so every distinct
 * indicator) once per candle, in O(1) and without allocating; a candle where entry or exit is
 * undefined does not trade, and tells its {@link app.tradebot.strategy.Signals} which expression is
 * undefined and why.
 */
public final class CompiledRules {

    /** A declared parameter; bounds inclusive. */
    public record Parameter(String name, boolean integer, double min, double max, double defaultValue) {
    }

    private final Ast.Program program;
    private final List<Parameter> parameters;

    private CompiledRules(Ast.Program program) {
        this.program = program;
        this.parameters = program.params().stream()
                .map(p -> new Parameter(p.name(), p.integer(), p.min(), p.max(), p.defaultValue()))
                .toList();
    }

    /**
     * Parses and checks the source; throws {@link RuleException} with every error it finds, each with its
     * line and column, otherwise.
     */
    public static CompiledRules compile(String source) {
        CompiledRules rules = new CompiledRules(Parser.parse(source));
        // The defaults must give a valid strategy, exits included: an exit out of its range is shown where it is written.
        Map<String, Double> defaults = rules.resolve(rules.defaults());
        List<RuleError> errors = new ArrayList<>();
        Ast.Program program = rules.program;
        String[] names = { "stopLoss", "takeProfit", "trailingStop" };
        Expr[] exits = { program.stopLoss(), program.takeProfit(), program.trailingStop() };
        for (int i = 0; i < exits.length; i++) {
            try {
                constant(exits[i], defaults, names[i]);
            }
            catch (IllegalArgumentException e) {
                errors.add(new RuleError(exits[i].line(), exits[i].column(), e.getMessage() + " with the defaults"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleException(errors);
        }
        rules.create(rules.defaults());
        return rules;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public Map<String, Number> defaults() {
        Map<String, Number> values = new HashMap<>();
        for (Parameter p : parameters) {
            values.put(p.name(), p.integer() ? (Number) (int) p.defaultValue() : (Number) p.defaultValue());
        }
        return values;
    }

    /** Candles needed before entry and exit can both be defined, for these parameter values. */
    public int warmUp(Map<String, ? extends Number> values) {
        Map<String, Double> resolved = resolve(values);
        return Math.max(warm(program.entry(), resolved), warm(program.exit(), resolved));
    }

    /**
     * A new instance for one run. Every declared parameter must have a value within its bounds
     * (integers whole); exits outside their ranges are an {@link IllegalArgumentException}.
     */
    public Strategy create(Map<String, ? extends Number> values) {
        Map<String, Double> resolved = resolve(values);
        Builder builder = new Builder(resolved);
        Cells.Cell entry = builder.cell(program.entry());
        Cells.Cell exit = builder.cell(program.exit());
        Exits exits = new Exits(constant(program.stopLoss(), resolved, "stopLoss"),
                constant(program.takeProfit(), resolved, "takeProfit"),
                constant(program.trailingStop(), resolved, "trailingStop"));
        int warmUp = Math.max(warm(program.entry(), resolved), warm(program.exit(), resolved));
        return new Compiled(builder.current, builder.cells.toArray(Cells.Cell[]::new), entry, exit, exits, warmUp);
    }

    /** How many distinct cells (sub-expressions) an instance updates per candle. */
    int cellCount(Map<String, ? extends Number> values) {
        Builder builder = new Builder(resolve(values));
        builder.cell(program.entry());
        builder.cell(program.exit());
        return builder.cells.size();
    }

    /** The value of e on every candle, as a compiled strategy computes it (NaN: undefined). */
    static double[] trace(Expr e, Map<String, Double> values, List<? extends Bar> bars) {
        Builder builder = new Builder(values);
        Cells.Cell cell = builder.cell(e);
        Cells.Cell[] cells = builder.cells.toArray(Cells.Cell[]::new);
        double[] trace = new double[bars.size()];
        for (int i = 0; i < trace.length; i++) {
            builder.current.bar = bars.get(i);
            for (Cells.Cell c : cells) {
                c.update();
            }
            trace[i] = cell.value;
        }
        return trace;
    }

    Ast.Program program() {
        return program;
    }

    private Map<String, Double> resolve(Map<String, ? extends Number> values) {
        Map<String, Double> resolved = new HashMap<>();
        for (Parameter p : parameters) {
            Number value = values.get(p.name());
            if (value == null) {
                throw new IllegalArgumentException("parameter " + p.name() + " has no value");
            }
            double v = value.doubleValue();
            if (!(v >= p.min() && v <= p.max()) || p.integer() && v != Math.rint(v)) {
                throw new IllegalArgumentException("parameter " + p.name() + " is out of its bounds: " + v);
            }
            resolved.put(p.name(), v);
        }
        return resolved;
    }

    private static double constant(Expr e, Map<String, Double> values, String name) {
        if (e == null) {
            return Double.NaN;
        }
        double v = evaluateConstant(e, values);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " is undefined for these parameters (division by zero?)");
        }
        double max = name.equals("takeProfit") ? Double.MAX_VALUE : 1;
        if (!(v > 0 && v < max)) {
            throw new IllegalArgumentException(name + " must be above 0" + (max == 1 ? " and below 1" : "")
                    + " (a fraction of the entry price, 0.05 = 5 %), but is " + v);
        }
        return v;
    }

    static double evaluateConstant(Expr e, Map<String, Double> values) {
        if (e instanceof Ast.Num n) {
            return n.value();
        }
        if (e instanceof Ast.ParamRef p) {
            return values.get(p.name());
        }
        if (e instanceof Ast.Unary u) {
            return -evaluateConstant(u.operand(), values);
        }
        Ast.Binary b = (Ast.Binary) e;
        double x = evaluateConstant(b.left(), values);
        double y = evaluateConstant(b.right(), values);
        return switch (b.op()) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            default -> x / y;
        };
    }

    /** Candles needed (the current one included) before e can be defined. */
    static int warm(Expr e, Map<String, Double> values) {
        if (e instanceof Ast.Num || e instanceof Ast.ParamRef) {
            return 0;
        }
        if (e instanceof Ast.Field) {
            return 1;
        }
        if (e instanceof Ast.Unary u) {
            return warm(u.operand(), values);
        }
        if (e instanceof Ast.Binary b) {
            int both = Math.max(warm(b.left(), values), warm(b.right(), values));
            return b.op().startsWith("crosses") ? both + 1 : both;
        }
        if (e instanceof Ast.Ago a) {
            return warm(a.operand(), values) + (int) evaluateConstant(a.candles(), values);
        }
        Ast.Call c = (Ast.Call) e;
        int[] p = periods(c, values);
        int ready = switch (c.function()) {
            case "rsi" -> p[0] + 1;
            case "macd" -> p[1] + p[2];
            case "stoch" -> p[0] + p[1] - 1;
            default -> p[0];
        };
        boolean series = Functions.ALL.get(c.function()).args().get(0) == Functions.Arg.SERIES;
        return series ? Math.max(1, warm(c.args().get(0), values)) + ready - 1 : ready;
    }

    /** The period arguments of a call, resolved. */
    static int[] periods(Ast.Call c, Map<String, Double> values) {
        List<Functions.Arg> kinds = Functions.ALL.get(c.function()).args();
        int[] periods = new int[kinds.size()];
        int n = 0;
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i) == Functions.Arg.PERIOD) {
                periods[n++] = (int) evaluateConstant(c.args().get(i), values);
            }
        }
        return periods;
    }

    /** Builds the cells, one per distinct canonical sub-expression, children first. */
    private static final class Builder {

        final Cells.Current current = new Cells.Current();
        final List<Cells.Cell> cells = new ArrayList<>();
        private final Map<String, Cells.Cell> byKey = new HashMap<>();
        private final Map<Cells.Cell, String> keys = new HashMap<>();
        private final Map<String, Double> values;

        Builder(Map<String, Double> values) {
            this.values = values;
        }

        Cells.Cell cell(Expr e) {
            if (e instanceof Ast.Num || e instanceof Ast.ParamRef) {
                double v = evaluateConstant(e, values);
                return intern("c" + v, e, () -> new Cells.Constant(v), false);
            }
            if (e instanceof Ast.Field f) {
                return intern(f.name(), e, () -> new Cells.Field(current, f.name()), true);
            }
            if (e instanceof Ast.Unary u) {
                Cells.Cell a = cell(u.operand());
                return intern(u.op() + "(" + keys.get(a) + ")", e,
                        () -> u.op().equals("not") ? new Cells.Not(a) : new Cells.Negate(a), true);
            }
            if (e instanceof Ast.Binary b) {
                Cells.Cell a = cell(b.left());
                Cells.Cell c = cell(b.right());
                String key = "(" + keys.get(a) + " " + b.op() + " " + keys.get(c) + ")";
                return intern(key, e, () -> switch (b.op()) {
                    case "+", "-", "*", "/" -> new Cells.Arithmetic(b.op().charAt(0), a, c);
                    case "crosses above" -> new Cells.Cross(true, a, c);
                    case "crosses below" -> new Cells.Cross(false, a, c);
                    default -> new Cells.Logic(b.op(), a, c);
                }, true);
            }
            if (e instanceof Ast.Ago g) {
                Cells.Cell a = cell(g.operand());
                int n = (int) evaluateConstant(g.candles(), values);
                return n == 0 ? a : intern(keys.get(a) + "[" + n + "]", e, () -> new Cells.Ago(a, n), true);
            }
            Ast.Call c = (Ast.Call) e;
            int[] p = periods(c, values);
            Functions.Function function = Functions.ALL.get(c.function());
            Cells.Cell input = function.args().get(0) == Functions.Arg.SERIES ? cell(c.args().get(0)) : null;
            String base = c.function() + "(" + (input == null ? "" : keys.get(input) + ",")
                    + java.util.Arrays.toString(p)
                    + (c.function().equals("bb") ? "," + evaluateConstant(c.args().get(2), values) : "") + ")";
            Cells.Cell indicator = intern(base, e, () -> switch (c.function()) {
                case "sma", "ema", "wma" -> new Cells.Average(input, Cells.Average.of(c.function(), p[0]), p[0]);
                case "rsi" -> new Cells.Average(input, Cells.Average.of("rsi", p[0]), p[0] + 1);
                case "macd" -> new Cells.MacdCell(input, p[0], p[1], p[2]);
                case "bb" -> new Cells.BollingerCell(input, p[0], evaluateConstant(c.args().get(2), values));
                case "atr" -> new Cells.AtrCell(current, p[0]);
                case "stoch" -> new Cells.StochasticCell(current, p[0], p[1]);
                case "vwap" -> new Cells.VwapCell(current, p[0]);
                default -> new Cells.DonchianCell(current, p[0]);
            }, true);
            if (c.member() == null) {
                return indicator;
            }
            int member = function.members().indexOf(c.member());
            return intern(base + "." + c.member(), e, () -> new Cells.Output((Cells.Multi) indicator, member), true);
        }

        private Cells.Cell intern(String key, Expr e, java.util.function.Supplier<Cells.Cell> make, boolean updated) {
            Cells.Cell existing = byKey.get(key);
            if (existing != null) {
                return existing;
            }
            Cells.Cell cell = make.get();
            cell.expr = e;
            byKey.put(key, cell);
            keys.put(cell, key);
            if (updated) {
                cells.add(cell);
            }
            return cell;
        }
    }

    private static final class Compiled implements Strategy {

        private final Cells.Current current;
        private final Cells.Cell[] cells;
        private final Cells.Cell entry;
        private final Cells.Cell exit;
        private final Exits exits;
        private final int warmUp;
        private long seen;

        Compiled(Cells.Current current, Cells.Cell[] cells, Cells.Cell entry, Cells.Cell exit, Exits exits, int warmUp) {
            this.current = current;
            this.cells = cells;
            this.entry = entry;
            this.exit = exit;
            this.exits = exits;
            this.warmUp = warmUp;
        }

        @Override
        public void onBar(Bar bar, Signals signals) {
            current.bar = bar;
            for (Cells.Cell cell : cells) {
                cell.update();
            }
            current.bar = null;
            seen++;
            boolean flat = signals.position().isFlat();
            Cells.Cell rule = flat ? entry : exit;
            if (rule.value != rule.value) {
                if (seen >= warmUp) {
                    // the explanations are made once per cause and reused: nothing allocated per candle
                    Cells.Cell origin = Cells.origin(rule);
                    signals.undefined(origin.explain(flat, origin.why()));
                }
                return;
            }
            if (flat && entry.value == 1) {
                signals.enterLong(exits);
            }
            else if (!flat && exit.value == 1) {
                signals.exit();
            }
        }

        @Override
        public int warmUp() {
            return warmUp;
        }
    }
}
