package app.tradebot.exchange.fill;

/**
 * What one candle did to a {@link Protection}: either it closed the position ({@code fill} and
 * {@code reason} set, {@code protection} null) or the protection stays, its high-water mark raised by
 * the candle ({@code fill} null).
 */
public record ExitCheck(Fill fill, ExitReason reason, Protection protection) {

    public boolean triggered() {
        return fill != null;
    }
}
