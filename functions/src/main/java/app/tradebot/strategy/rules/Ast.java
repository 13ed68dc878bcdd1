package app.tradebot.strategy.rules;

import java.util.List;

/** The parsed source: expressions and the strategy they make up. */
final class Ast {

    private Ast() {
    }

    /** ANY: a broken expression, whose error is reported already; it fits wherever it stands. */
    enum Type { NUMBER, BOOLEAN, ANY }

    sealed interface Expr permits Num, Field, ParamRef, Unary, Binary, Call, Ago, Broken {
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

    /** Where an error was reported; the parser goes on with this in its place. Never compiled. */
    record Broken(int line, int column) implements Expr {
    }

    record Param(String name, Type type, boolean integer, double min, double max, double defaultValue, int line,
            int column) {
    }

    record Program(List<Param> params, Expr entry, Expr exit, Expr stopLoss, Expr takeProfit, Expr trailingStop) {
    }

    /** The expression as a trader would write it, with only the parentheses its meaning needs. */
    static String text(Expr e) {
        StringBuilder out = new StringBuilder();
        write(e, out);
        return out.toString();
    }

    private static void write(Expr e, StringBuilder out) {
        if (e instanceof Num n) {
            out.append(Parser.show(n.value()));
        }
        else if (e instanceof Field f) {
            out.append(f.name());
        }
        else if (e instanceof ParamRef p) {
            out.append(p.name());
        }
        else if (e instanceof Unary u) {
            out.append(u.op().equals("not") ? "not " : "-");
            operand(u.operand(), precedence(u), out);
        }
        else if (e instanceof Binary b) {
            int level = precedence(b);
            operand(b.left(), level, out);
            out.append(' ').append(b.op()).append(' ');
            // a - (b - c), a / (b * c) and a and (b and c) keep their parentheses
            operand(b.right(), level + 1, out);
        }
        else if (e instanceof Broken) {
            out.append('?');
        }
        else if (e instanceof Call c) {
            out.append(c.function()).append('(');
            for (int i = 0; i < c.args().size(); i++) {
                out.append(i == 0 ? "" : ", ");
                write(c.args().get(i), out);
            }
            out.append(')');
            if (c.member() != null) {
                out.append('.').append(c.member());
            }
        }
        else {
            Ago a = (Ago) e;
            operand(a.operand(), precedence(a), out);
            out.append('[');
            write(a.candles(), out);
            out.append(']');
        }
    }

    private static void operand(Expr e, int level, StringBuilder out) {
        boolean parenthesised = precedence(e) < level;
        out.append(parenthesised ? "(" : "");
        write(e, out);
        out.append(parenthesised ? ")" : "");
    }

    /** Binding strength, as the grammar's levels: or, and, not, comparisons, sums, products, minus, postfix. */
    private static int precedence(Expr e) {
        if (e instanceof Binary b) {
            return switch (b.op()) {
                case "or" -> 1;
                case "and" -> 2;
                case "+", "-" -> 5;
                case "*", "/" -> 6;
                default -> 4;
            };
        }
        if (e instanceof Unary u) {
            return u.op().equals("not") ? 3 : 7;
        }
        if (e instanceof Num n && n.value() < 0) {
            return 7;
        }
        return 8;
    }
}
