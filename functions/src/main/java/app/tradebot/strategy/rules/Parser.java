package app.tradebot.strategy.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.tradebot.strategy.rules.Ast.Expr;
import app.tradebot.strategy.rules.Ast.Type;

/**
 * Recursive-descent parser and type checker of the rule language (grammar in README). Bounded: the
 * source length, the nesting depth, the number of indicator calls and the look-back are limited, so
 * neither it nor the compiler can run long on any input.
 *
 * <p>It reports every error it can, not only the first: a type or name error is noted and parsing goes
 * on with a {@link Ast.Broken} in its place (which fits anywhere, so it causes no second error); a syntax
 * error ends its section, and parsing resumes at the next {@code param} or section. Errors come sorted
 * by position, at most {@link #MAX_ERRORS}.
 */
final class Parser {

    static final int MAX_SOURCE = 10_000;
    static final int MAX_DEPTH = 30;
    static final int MAX_CALLS = 40;
    static final int MAX_LOOKBACK = 1_000;
    static final int MAX_PERIOD = 5_000;
    static final int MAX_PARAMS = 20;
    static final int MAX_ERRORS = 50;

    private static final Set<String> SECTIONS = Set.of("entry", "exit", "stopLoss", "takeProfit", "trailingStop");
    private static final Set<String> RESERVED = Set.of("param", "and", "or", "not", "crosses", "above", "below",
            "integer", "number", "entry", "exit", "stopLoss", "takeProfit", "trailingStop", "open", "high", "low",
            "close", "volume");

    private final List<Token> tokens;
    private final List<RuleError> errors;
    private final Map<String, Ast.Param> params = new LinkedHashMap<>();
    /** Parameters whose declaration has an error: their uses are broken values, not unknown names. */
    private final Set<String> brokenParams = new HashSet<>();
    private int at;
    private int depth;
    private int calls;

    private Parser(List<Token> tokens, List<RuleError> errors) {
        this.tokens = tokens;
        this.errors = errors;
    }

    static Ast.Program parse(String source) {
        if (source == null || source.isBlank()) {
            throw new RuleException(1, 1, "the source is empty; a strategy needs at least entry: and exit:");
        }
        if (source.length() > MAX_SOURCE) {
            throw new RuleException(1, 1, "the source is " + source.length() + " characters long; at most "
                    + MAX_SOURCE + " are allowed");
        }
        List<RuleError> errors = new ArrayList<>();
        Parser parser = new Parser(Lexer.tokens(source, errors), errors);
        Ast.Program program = parser.program();
        parser.throwErrors();
        return program;
    }

    /** One expression without parameters, for tests and tools that look at a single value. */
    static Expr parseExpression(String source) {
        List<RuleError> errors = new ArrayList<>();
        Parser parser = new Parser(Lexer.tokens(source, errors), errors);
        Expr e = null;
        try {
            e = parser.expression();
            if (parser.peek().kind() != Token.Kind.END) {
                throw parser.syntax(parser.peek(), "unexpected " + parser.peek().shown());
            }
        }
        catch (Panic p) {
            // reported
        }
        parser.throwErrors();
        return e;
    }

    private void throwErrors() {
        if (errors.isEmpty()) {
            return;
        }
        List<RuleError> sorted = new ArrayList<>();
        errors.stream()
                .sorted(Comparator.comparingInt(RuleError::line).thenComparingInt(RuleError::column))
                .forEach(error -> {
                    boolean samePlace = sorted.stream().anyMatch(e -> e.line() == error.line() && e.column() == error.column());
                    if (!samePlace && sorted.size() < MAX_ERRORS) {
                        sorted.add(error);
                    }
                });
        throw new RuleException(sorted);
    }

    private Ast.Program program() {
        Map<String, Expr> sections = new LinkedHashMap<>();
        Set<String> written = new HashSet<>();
        while (peek().kind() != Token.Kind.END) {
            int start = at;
            depth = 0;
            try {
                section(sections, written);
            }
            catch (Panic p) {
                // resume at the next param or section, past the one that failed
                at = Math.max(at, start + 1);
                while (peek().kind() != Token.Kind.END && !startsSection(at)) {
                    at++;
                }
            }
        }
        Token end = peek();
        for (String required : List.of("entry", "exit")) {
            if (!written.contains(required)) {
                report(end.line(), end.column(), "the strategy has no " + required + ": rule");
            }
        }
        return new Ast.Program(List.copyOf(params.values()), sections.get("entry"), sections.get("exit"),
                sections.get("stopLoss"), sections.get("takeProfit"), sections.get("trailingStop"));
    }

    private boolean startsSection(int index) {
        Token t = tokens.get(index);
        return t.is("param") || t.kind() == Token.Kind.IDENT && SECTIONS.contains(t.text()) && tokens.get(index + 1).is(":");
    }

    private void section(Map<String, Expr> sections, Set<String> written) {
        Token t = next();
        if (t.is("param")) {
            param();
        }
        else if (t.kind() == Token.Kind.IDENT && SECTIONS.contains(t.text())) {
            boolean twice = !written.add(t.text());
            if (twice) {
                report(t, t.text() + ": is written twice");
            }
            expect(":", "after " + t.text());
            Expr e = expression();
            Token after = peek();
            if (after.kind() != Token.Kind.END && !after.is("param")
                    && !(after.kind() == Token.Kind.IDENT && SECTIONS.contains(after.text()))) {
                // the expression is cut short: its type says nothing yet
                throw syntax(after, "unexpected " + after.shown() + "; expected an operator, or the next section");
            }
            boolean rule = t.text().equals("entry") || t.text().equals("exit");
            if (rule) {
                requireType(e, Type.BOOLEAN, t.text() + ": must be a condition (true or false)");
            }
            else {
                requireType(e, Type.NUMBER, t.text() + ": must be a number (a fraction, 0.05 = 5 %)");
                requireConstant(e, t.text() + ": must be made of numbers and parameters only");
            }
            if (!twice) {
                sections.put(t.text(), e);
            }
        }
        else {
            throw syntax(t, "unexpected " + t.shown() + "; expected param, entry:, exit:, stopLoss:, takeProfit: "
                    + "or trailingStop:");
        }
    }

    /** {@code param name: integer [min, max] = default} (or {@code number}). */
    private void param() {
        Token name = next();
        if (name.kind() != Token.Kind.IDENT || RESERVED.contains(name.text()) || Functions.ALL.containsKey(name.text())) {
            throw syntax(name, name.shown() + " cannot be a parameter name");
        }
        boolean sound = true;
        if (params.containsKey(name.text()) || brokenParams.contains(name.text())) {
            report(name, "parameter " + name.text() + " is declared twice");
            sound = false;
        }
        else if (params.size() >= MAX_PARAMS) {
            report(name, "at most " + MAX_PARAMS + " parameters are allowed");
            sound = false;
        }
        try {
            expect(":", "after the parameter name");
            Token type = next();
            if (!type.is("integer") && !type.is("number")) {
                throw syntax(type, "a parameter is an integer or a number, not " + type.shown());
            }
            boolean integer = type.is("integer");
            expect("[", "before the parameter's bounds, e.g. [1, 200]");
            double min = signedNumber(integer);
            expect(",", "between the bounds");
            double max = signedNumber(integer);
            expect("]", "after the bounds");
            expect("=", "before the default value, e.g. = 14");
            Token defaultAt = peek();
            double defaultValue = signedNumber(integer);
            if (!(min <= max)) {
                report(type, "the lower bound " + show(min) + " is above the upper bound " + show(max));
                sound = false;
            }
            else if (defaultValue < min || defaultValue > max) {
                report(defaultAt, "the default " + show(defaultValue) + " is outside [" + show(min) + ", " + show(max) + "]");
                sound = false;
            }
            if (sound) {
                params.put(name.text(), new Ast.Param(name.text(), Type.NUMBER, integer, min, max, defaultValue,
                        name.line(), name.column()));
            }
        }
        catch (Panic p) {
            sound = false;
            throw p;
        }
        finally {
            if (!sound && !params.containsKey(name.text())) {
                brokenParams.add(name.text());
            }
        }
    }

    private double signedNumber(boolean integer) {
        boolean negative = peek().is("-");
        if (negative) {
            next();
        }
        Token t = next();
        if (t.kind() != Token.Kind.NUMBER) {
            throw syntax(t, "expected a number, found " + t.shown());
        }
        if (integer && t.text().contains(".")) {
            throw syntax(t, "an integer parameter needs whole numbers, not " + t.text());
        }
        if (Math.abs(t.number()) > 1e12) {
            throw syntax(t, t.text() + " is too large");
        }
        return negative ? -t.number() : t.number();
    }

    // --- expressions --------------------------------------------------------------------------------

    private Expr expression() {
        if (++depth > MAX_DEPTH) {
            throw syntax(peek(), "the expression is nested too deeply (at most " + MAX_DEPTH + " levels)");
        }
        try {
            return or();
        }
        finally {
            depth--;
        }
    }

    private Expr or() {
        Expr left = and();
        while (peek().is("or")) {
            Token op = next();
            left = logical(op, left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().is("and")) {
            Token op = next();
            left = logical(op, left, not());
        }
        return left;
    }

    private Expr logical(Token op, Expr left, Expr right) {
        requireType(left, Type.BOOLEAN, "the left side of '" + op.text() + "' must be a condition");
        requireType(right, Type.BOOLEAN, "the right side of '" + op.text() + "' must be a condition");
        return new Ast.Binary(op.text(), left, right, op.line(), op.column());
    }

    private Expr not() {
        if (peek().is("not")) {
            Token op = next();
            depth++;
            if (depth > MAX_DEPTH) {
                throw syntax(op, "the expression is nested too deeply (at most " + MAX_DEPTH + " levels)");
            }
            Expr operand = not();
            depth--;
            requireType(operand, Type.BOOLEAN, "'not' needs a condition after it");
            return new Ast.Unary("not", operand, op.line(), op.column());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        Token op = peek();
        String symbol;
        if (op.is("<") || op.is("<=") || op.is(">") || op.is(">=") || op.is("==") || op.is("!=")) {
            next();
            symbol = op.text();
        }
        else if (op.is("crosses")) {
            next();
            Token direction = next();
            if (!direction.is("above") && !direction.is("below")) {
                throw syntax(direction, "write 'crosses above' or 'crosses below'");
            }
            symbol = "crosses " + direction.text();
        }
        else if (op.is("=")) {
            // read as meant, so the rest is checked too
            report(op, "use == to compare");
            next();
            symbol = "==";
        }
        else {
            return left;
        }
        Expr right = additive();
        requireType(left, Type.NUMBER, "the left side of '" + symbol + "' must be a number");
        requireType(right, Type.NUMBER, "the right side of '" + symbol + "' must be a number");
        Token chained = peek();
        if (chained.is("<") || chained.is("<=") || chained.is(">") || chained.is(">=") || chained.is("==")
                || chained.is("!=") || chained.is("crosses")) {
            throw syntax(chained, "comparisons cannot be chained; join them with 'and'");
        }
        return new Ast.Binary(symbol, left, right, op.line(), op.column());
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = next();
            left = arithmetic(op, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().is("*") || peek().is("/")) {
            Token op = next();
            left = arithmetic(op, left, unary());
        }
        return left;
    }

    private Expr arithmetic(Token op, Expr left, Expr right) {
        requireType(left, Type.NUMBER, "the left side of '" + op.text() + "' must be a number");
        requireType(right, Type.NUMBER, "the right side of '" + op.text() + "' must be a number");
        return new Ast.Binary(op.text(), left, right, op.line(), op.column());
    }

    private Expr unary() {
        if (peek().is("-")) {
            Token op = next();
            if (++depth > MAX_DEPTH) {
                throw syntax(op, "the expression is nested too deeply (at most " + MAX_DEPTH + " levels)");
            }
            Expr operand = unary();
            depth--;
            requireType(operand, Type.NUMBER, "'-' needs a number after it");
            if (operand instanceof Ast.Num n) {
                return new Ast.Num(-n.value(), n.integer(), op.line(), op.column());
            }
            return new Ast.Unary("-", operand, op.line(), op.column());
        }
        return postfix();
    }

    private Expr postfix() {
        Expr e = primary();
        while (peek().is("[")) {
            Token open = next();
            Token first = peek();
            Expr candles = expression();
            expect("]", "after the number of candles ago");
            if (candles instanceof Ast.Broken) {
                e = new Ast.Broken(open.line(), open.column());
                continue;
            }
            if (candles instanceof Ast.Num n && n.value() < 0) {
                report(first, "[" + show(n.value()) + "] would read a later candle; only past candles can be read "
                        + "(0 is the current one, 1 the one before)");
                e = new Ast.Broken(open.line(), open.column());
                continue;
            }
            boolean literal = candles instanceof Ast.Num n && n.integer();
            boolean integerParam = candles instanceof Ast.ParamRef p && params.get(p.name()).integer();
            String problem = null;
            if (!literal && !integerParam) {
                problem = "the number of candles ago must be a whole number or an integer parameter";
            }
            else if (literal && ((Ast.Num) candles).value() > MAX_LOOKBACK
                    || integerParam && params.get(((Ast.ParamRef) candles).name()).max() > MAX_LOOKBACK) {
                problem = "at most " + MAX_LOOKBACK + " candles ago can be read";
            }
            else if (integerParam && params.get(((Ast.ParamRef) candles).name()).min() < 0) {
                problem = "parameter " + ((Ast.ParamRef) candles).name() + " may be negative, which would read "
                        + "a later candle; give it a lower bound of 0 or more";
            }
            if (problem != null) {
                report(first, problem);
                e = new Ast.Broken(open.line(), open.column());
            }
            else {
                e = new Ast.Ago(e, candles, open.line(), open.column());
            }
        }
        if (peek().is(".")) {
            report(peek(), "only macd(...), bb(...), stoch(...) and donchian(...) have outputs to pick with '.'");
            skipMember();
            return new Ast.Broken(e.line(), e.column());
        }
        return e;
    }

    private Expr primary() {
        Token t = next();
        if (t.kind() == Token.Kind.BROKEN) {
            return new Ast.Broken(t.line(), t.column());
        }
        if (t.kind() == Token.Kind.NUMBER) {
            return new Ast.Num(t.number(), !t.text().contains("."), t.line(), t.column());
        }
        if (t.is("(")) {
            Expr e = expression();
            expect(")", "to close the '(' at line " + t.line() + ", column " + t.column());
            return e;
        }
        if (t.kind() != Token.Kind.IDENT) {
            throw syntax(t, "expected a number, a candle value, a parameter or an indicator, found " + t.shown());
        }
        String name = t.text();
        if (Functions.FIELDS.contains(name)) {
            return new Ast.Field(name, t.line(), t.column());
        }
        Functions.Function function = Functions.ALL.get(name);
        if (function != null) {
            return call(t, function);
        }
        if (params.containsKey(name)) {
            return new Ast.ParamRef(name, t.line(), t.column());
        }
        if (brokenParams.contains(name)) {
            return new Ast.Broken(t.line(), t.column());
        }
        if (peek().is("(")) {
            report(t, "unknown function '" + name + "'; the functions are " + String.join(", ",
                    Functions.ALL.keySet().stream().sorted().toList()));
            skipArguments();
            skipMember();
            return new Ast.Broken(t.line(), t.column());
        }
        if (RESERVED.contains(name)) {
            throw syntax(t, "unexpected " + t.shown() + "; the expression before it is not finished");
        }
        report(t, "unknown name '" + name + "'; declare it first with: param " + name + ": number [min, max] = default"
                + (params.isEmpty() ? "" : " (parameters so far: " + String.join(", ", params.keySet()) + ")"));
        return new Ast.Broken(t.line(), t.column());
    }

    /** Past a parenthesised argument list that is not checked (its function is unknown). */
    private void skipArguments() {
        int open = 0;
        do {
            Token t = next();
            if (t.is("(")) {
                open++;
            }
            else if (t.is(")")) {
                open--;
            }
            else if (t.kind() == Token.Kind.END) {
                throw syntax(t, "expected ')' to close the arguments, found " + t.shown());
            }
        } while (open > 0);
    }

    /** Past a {@code .name} already reported. */
    private void skipMember() {
        if (peek().is(".")) {
            next();
            if (peek().kind() == Token.Kind.IDENT) {
                next();
            }
        }
    }

    private Expr call(Token name, Functions.Function function) {
        if (++calls == MAX_CALLS + 1) {
            report(name, "too many indicators (at most " + MAX_CALLS + ")");
        }
        expect("(", "after " + function.name() + "; it is written " + function.signature());
        List<Expr> args = new ArrayList<>();
        if (!peek().is(")")) {
            args.add(expression());
            while (peek().is(",")) {
                next();
                args.add(expression());
            }
        }
        Token close = expect(")", "to close " + function.name() + "(...); it is written " + function.signature());
        Expr broken = new Ast.Broken(name.line(), name.column());
        if (args.size() != function.args().size()) {
            report(name, function.name() + " takes " + function.args().size() + " argument"
                    + (function.args().size() == 1 ? "" : "s") + " (" + String.join(", ", function.argNames())
                    + "), not " + args.size() + "; it is written " + function.signature());
            skipMember();
            return broken;
        }
        boolean sound = true;
        for (int i = 0; i < args.size(); i++) {
            Expr arg = args.get(i);
            String what = function.name() + "'s " + function.argNames().get(i);
            switch (function.args().get(i)) {
                case SERIES -> sound &= requireType(arg, Type.NUMBER, what + " must be a number series such as close");
                case PERIOD -> sound &= period(arg, what);
                case NUMBER -> sound &= number(arg, what);
            }
        }
        if (function.name().equals("macd") && sound) {
            sound = macdOrder(args.get(1), args.get(2), name);
        }
        String member = null;
        if (!function.members().isEmpty()) {
            if (!peek().is(".")) {
                report(close, function.name() + "(...) has several outputs; pick one: "
                        + String.join(", ", function.members().stream().map(m -> "." + m).toList()));
                return broken;
            }
            next();
            Token m = next();
            if (!function.members().contains(m.text())) {
                if (m.kind() != Token.Kind.BROKEN) {
                    report(m, function.name() + " has no output " + m.shown() + "; pick one of "
                            + String.join(", ", function.members().stream().map(x -> "." + x).toList()));
                }
                return broken;
            }
            member = m.text();
        }
        return sound ? new Ast.Call(function.name(), List.copyOf(args), member, name.line(), name.column()) : broken;
    }

    private boolean number(Expr arg, String what) {
        if (arg instanceof Ast.Broken) {
            return false;
        }
        if (!(arg instanceof Ast.Num) && !(arg instanceof Ast.ParamRef)) {
            report(arg, typeOf(arg) == Type.NUMBER ? what + " must be a number or a parameter" : what + " must be a number");
            return false;
        }
        if (arg instanceof Ast.Num n && !(n.value() > 0)
                || arg instanceof Ast.ParamRef p && !(params.get(p.name()).min() > 0)) {
            report(arg, what + " must be positive");
            return false;
        }
        return true;
    }

    private boolean period(Expr arg, String what) {
        if (arg instanceof Ast.Broken) {
            return false;
        }
        if (arg instanceof Ast.Num n) {
            if (!n.integer() || n.value() < 1 || n.value() > MAX_PERIOD) {
                report(arg, what + " must be a whole number from 1 to " + MAX_PERIOD + ", not " + show(n.value()));
                return false;
            }
            return true;
        }
        if (arg instanceof Ast.ParamRef p) {
            Ast.Param param = params.get(p.name());
            if (!param.integer()) {
                report(arg, what + " must be a whole number; declare " + p.name() + " as integer");
                return false;
            }
            if (param.min() < 1 || param.max() > MAX_PERIOD) {
                report(arg, what + " must be from 1 to " + MAX_PERIOD + "; give " + p.name()
                        + " bounds within [1, " + MAX_PERIOD + "]");
                return false;
            }
            return true;
        }
        report(arg, what + " must be a whole number or an integer parameter");
        return false;
    }

    private boolean macdOrder(Expr fast, Expr slow, Token at) {
        double fastMax = fast instanceof Ast.Num n ? n.value() : params.get(((Ast.ParamRef) fast).name()).max();
        double slowMin = slow instanceof Ast.Num n ? n.value() : params.get(((Ast.ParamRef) slow).name()).min();
        if (fastMax > slowMin) {
            report(at, "macd's fast period must not exceed its slow one"
                    + (fast instanceof Ast.ParamRef || slow instanceof Ast.ParamRef
                            ? " for any parameter values: make the bounds of fast end at or below those of slow" : ""));
            return false;
        }
        return true;
    }

    // --- types --------------------------------------------------------------------------------------

    static Type typeOf(Expr e) {
        if (e instanceof Ast.Broken) {
            return Type.ANY;
        }
        if (e instanceof Ast.Unary u) {
            return u.op().equals("not") ? Type.BOOLEAN : Type.NUMBER;
        }
        if (e instanceof Ast.Binary b) {
            return "+-*/".contains(b.op()) ? Type.NUMBER : Type.BOOLEAN;
        }
        if (e instanceof Ast.Ago a) {
            return typeOf(a.operand());
        }
        return Type.NUMBER;
    }

    /** Reports {@code message} at e unless e has the type (or is broken already); whether it has. */
    private boolean requireType(Expr e, Type type, String message) {
        Type actual = typeOf(e);
        if (actual != type && actual != Type.ANY) {
            report(e, message);
            return false;
        }
        return actual == type;
    }

    private void requireConstant(Expr e, String message) {
        if (!isConstant(e)) {
            report(e, message);
        }
    }

    static boolean isConstant(Expr e) {
        if (e instanceof Ast.Num || e instanceof Ast.ParamRef || e instanceof Ast.Broken) {
            return true;
        }
        if (e instanceof Ast.Unary u) {
            return u.op().equals("-") && isConstant(u.operand());
        }
        if (e instanceof Ast.Binary b) {
            return typeOf(b) == Type.NUMBER && isConstant(b.left()) && isConstant(b.right());
        }
        return false;
    }

    // --- tokens and errors ---------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Token.Kind.END) {
            at++;
        }
        return t;
    }

    private Token expect(String symbol, String context) {
        Token t = next();
        if (!t.is(symbol)) {
            throw syntax(t, "expected '" + symbol + "' " + context + ", found " + t.shown());
        }
        return t;
    }

    private void report(int line, int column, String message) {
        errors.add(new RuleError(line, column, message));
    }

    private void report(Token t, String message) {
        report(t.line(), t.column(), message);
    }

    private void report(Expr e, String message) {
        report(e.line(), e.column(), message);
    }

    /**
     * Reports a syntax error (unless at text the lexer refused, reported already) and gives the panic that
     * ends the section.
     */
    private Panic syntax(Token t, String message) {
        if (t.kind() != Token.Kind.BROKEN) {
            report(t, message);
        }
        return Panic.INSTANCE;
    }

    /** Unwinds a section after a syntax error; parsing resumes at the next section. */
    private static final class Panic extends RuntimeException {

        static final Panic INSTANCE = new Panic();

        private Panic() {
            super(null, null, false, false);
        }
    }

    static String show(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
