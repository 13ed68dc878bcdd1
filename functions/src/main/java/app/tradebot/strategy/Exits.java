package app.tradebot.strategy;

/**
 * Protective exits attached to an entry, as fractions of the entry price (0.02 = 2 %). NaN means
 * none. The trailing stop trails the highest price seen since entry.
 */
public record Exits(double stopLoss, double takeProfit, double trailingStop) {

    public static final Exits NONE = new Exits(Double.NaN, Double.NaN, Double.NaN);

    public Exits {
        check("stopLoss", stopLoss, 1);
        check("takeProfit", takeProfit, Double.MAX_VALUE);
        check("trailingStop", trailingStop, 1);
    }

    private static void check(String name, double value, double max) {
        if (!Double.isNaN(value) && !(value > 0 && value < max)) {
            throw new IllegalArgumentException(name + " must be NaN (none) or in (0, " + max + "): " + value);
        }
    }
}
