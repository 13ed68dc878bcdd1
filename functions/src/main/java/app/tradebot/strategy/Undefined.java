package app.tradebot.strategy;

/**
 * Why a strategy could not decide on a candle: its {@code rule} (entry or exit) was undefined there, and
 * {@code expression}, written at {@code line} and {@code column} of its source, is where that came from,
 * for the {@code reason} given. Nothing is traded on such a candle.
 */
public record Undefined(String rule, String expression, int line, int column, String reason) {

    /** For a trader: {@code exit is undefined: close / (high - low) (line 3, column 7) divides by zero; …}. */
    public String message() {
        return rule + " is undefined: " + expression + " (line " + line + ", column " + column + ") " + reason
                + "; nothing is traded on this candle";
    }
}
