package app.tradebot.strategy.rules;

/** One problem in a strategy's source, at a 1-based line and column, worded for a trader. */
public record RuleError(int line, int column, String message) {

    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
