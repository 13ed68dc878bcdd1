package app.tradebot.strategy;

/** A closed candle for tests. */
public record Candle(long openTime, double open, double high, double low, double close, double volume) implements Bar {

    /** A candle whose open, high, low and close are all {@code price}. */
    public static Candle flat(long openTime, double price) {
        return new Candle(openTime, price, price, price, price, 1);
    }
}
