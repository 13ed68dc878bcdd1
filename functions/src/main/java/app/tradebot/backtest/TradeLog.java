package app.tradebot.backtest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import app.tradebot.exchange.fill.RoundTrip;

/**
 * Closed round trips (flat to long to flat) in exact decimals, their times as candle indices; the
 * double views feed the metrics. Prices are quantity-weighted averages.
 */
final class TradeLog {

    private final List<RoundTrip> trips = new ArrayList<>();

    void add(RoundTrip trip) {
        trips.add(trip);
    }

    /** A round trip given in doubles (metrics tests). */
    void add(int entry, int exit, double entryPrice, double exitPrice, double quantity, double fees, double pnl,
            String reason) {
        trips.add(new RoundTrip(entry, exit, BigDecimal.valueOf(entryPrice), BigDecimal.valueOf(exitPrice),
                BigDecimal.valueOf(quantity), BigDecimal.valueOf(fees), BigDecimal.valueOf(pnl), reason));
    }

    int size() {
        return trips.size();
    }

    RoundTrip trip(int k) {
        return trips.get(k);
    }

    int entryIndex(int k) {
        return (int) trips.get(k).entryAt();
    }

    int exitIndex(int k) {
        return (int) trips.get(k).exitAt();
    }

    double entryPrice(int k) {
        return trips.get(k).entryPrice().doubleValue();
    }

    double exitPrice(int k) {
        return trips.get(k).exitPrice().doubleValue();
    }

    double quantity(int k) {
        return trips.get(k).quantity().doubleValue();
    }

    double fees(int k) {
        return trips.get(k).fees().doubleValue();
    }

    double pnl(int k) {
        return trips.get(k).pnl().doubleValue();
    }

    String exitReason(int k) {
        return trips.get(k).exitReason();
    }
}
