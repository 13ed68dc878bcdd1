package app.tradebot.backtest;

import java.util.Arrays;

/** Closed round trips, column by column (flat to long to flat). Prices are quantity-weighted averages. */
final class TradeLog {

    private int size;
    private int[] entryIndex = new int[16];
    private int[] exitIndex = new int[16];
    private double[] entryPrice = new double[16];
    private double[] exitPrice = new double[16];
    private double[] quantity = new double[16];
    private double[] fees = new double[16];
    private double[] pnl = new double[16];
    private byte[] exitReason = new byte[16];

    void add(int entry, int exit, double entryAt, double exitAt, double qty, double fee, double profit, byte reason) {
        if (size == entryIndex.length) {
            int capacity = size * 2;
            entryIndex = Arrays.copyOf(entryIndex, capacity);
            exitIndex = Arrays.copyOf(exitIndex, capacity);
            entryPrice = Arrays.copyOf(entryPrice, capacity);
            exitPrice = Arrays.copyOf(exitPrice, capacity);
            quantity = Arrays.copyOf(quantity, capacity);
            fees = Arrays.copyOf(fees, capacity);
            pnl = Arrays.copyOf(pnl, capacity);
            exitReason = Arrays.copyOf(exitReason, capacity);
        }
        entryIndex[size] = entry;
        exitIndex[size] = exit;
        entryPrice[size] = entryAt;
        exitPrice[size] = exitAt;
        quantity[size] = qty;
        fees[size] = fee;
        pnl[size] = profit;
        exitReason[size] = reason;
        size++;
    }

    int size() {
        return size;
    }

    int entryIndex(int k) {
        return entryIndex[k];
    }

    int exitIndex(int k) {
        return exitIndex[k];
    }

    double entryPrice(int k) {
        return entryPrice[k];
    }

    double exitPrice(int k) {
        return exitPrice[k];
    }

    double quantity(int k) {
        return quantity[k];
    }

    double fees(int k) {
        return fees[k];
    }

    double pnl(int k) {
        return pnl[k];
    }

    String exitReason(int k) {
        return switch (exitReason[k]) {
            case BacktestEngine.EXIT_STOP_LOSS -> "stop-loss";
            case BacktestEngine.EXIT_TRAILING_STOP -> "trailing-stop";
            case BacktestEngine.EXIT_TAKE_PROFIT -> "take-profit";
            case BacktestEngine.EXIT_LIMIT -> "limit";
            default -> "signal";
        };
    }
}
