package app.tradebot.strategy.rules;

import java.util.List;

/** The parsed source: expressions and the strategy they make up. */
final class Ast {

    private Ast() {
    }

    enum Type { NUMBER, BOOLEAN }

    sealed interface Expr permits Num, Field, ParamRef, Unary, Binary, Call, Ago {
        int line();

        int column();
    }

    record Num(double value, boolean integer, int line, int column) implements Expr {
    }

    /** open, high, low, close or volume of the current candle. */
    record Field(String name, int line, int column) implements Expr {
    }

    record ParamRef(String name, int line, int column) implements Expr {
    }

    /** {@code -} or {@code not}. */
    record Unary(String op, Expr operand, int line, int column) implements Expr {
    }

    /** Arithmetic, comparison, {@code and}, {@code or}, {@code crosses above}, {@code crosses below}. */
    record Binary(String op, Expr left, Expr right, int line, int column) implements Expr {
    }

    /** An indicator, with the output picked by {@code .member} (null for single-valued ones). */
    record Call(String function, List<Expr> args, String member, int line, int column) implements Expr {
    }

    /** {@code x[n]}: x as it was n closed candles ago; n a whole number literal or integer parameter. */
    record Ago(Expr operand, Expr candles, int line, int column) implements Expr {
    }

    record Param(String name, Type type, boolean integer, double min, double max, double defaultValue, int line,
            int column) {
    }

    record Program(List<Param> params, Expr entry, Expr exit, Expr stopLoss, Expr takeProfit, Expr trailingStop) {
    }
}
