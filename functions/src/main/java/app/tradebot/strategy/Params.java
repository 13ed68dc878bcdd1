package app.tradebot.strategy;

import java.util.Map;

/** Validated parameters, read by the strategy factories. */
record Params(Map<String, Object> values) {

    int integer(String name) {
        return (Integer) values.get(name);
    }

    double number(String name) {
        return ((Number) values.get(name)).doubleValue();
    }

    /** NaN when the optional parameter was left out. */
    double optionalNumber(String name) {
        Object value = values.get(name);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    String choice(String name) {
        return (String) values.get(name);
    }

    /** The protective exits the trend strategies take: stopLoss, takeProfit, trailingStop. */
    Exits exits() {
        return new Exits(optionalNumber("stopLoss"), optionalNumber("takeProfit"), optionalNumber("trailingStop"));
    }
}
