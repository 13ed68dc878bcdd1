package app.tradebot.exchange;

/** What an API key may do. A trading bot's key should not be able to withdraw. */
public record KeyPermissions(boolean canRead, boolean canTrade, boolean canWithdraw) {
}
