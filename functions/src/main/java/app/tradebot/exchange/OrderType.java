package app.tradebot.exchange;

public enum OrderType {
    MARKET, LIMIT
}
