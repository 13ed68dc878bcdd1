package app.tradebot.strategy;

/**
 * dca: buy {@code amount} (quote) at market every {@code interval} candles, from the first one on;
 * close the whole position on a candle whose close is {@code takeProfit} above the average entry.
 */
final class Dca implements Strategy {

    private final int interval;
    private final double amount;
    private final double takeProfit;
    private long bar = -1;

    Dca(int interval, double amount, double takeProfit) {
        this.interval = interval;
        this.amount = amount;
        this.takeProfit = takeProfit;
    }

    @Override
    public void onBar(Bar candle, Signals signals) {
        bar++;
        Position position = signals.position();
        if (!position.isFlat() && candle.close() >= position.averagePrice() * (1 + takeProfit)) {
            signals.exit();
        }
        else if (bar % interval == 0) {
            signals.buy(amount, Exits.NONE);
        }
    }
}
