package app.tradebot.exchange;

public enum Side {
    BUY, SELL
}
