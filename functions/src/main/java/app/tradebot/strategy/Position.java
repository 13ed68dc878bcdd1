package app.tradebot.strategy;

/** The strategy's long position as the runner knows it now; zero quantity when flat. */
public interface Position {

    double quantity();

    /** Average entry price of the quantity held; NaN when flat. */
    double averagePrice();

    default boolean isFlat() {
        return quantity() <= 0;
    }
}
