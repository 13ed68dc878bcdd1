package app.tradebot.accounts;

/** The {@code kind} of an account: a {@link app.tradebot.exchange.Venue}'s name in the API. */
final class Kinds {

    static final String PATTERN = "paper|binance|binance-testnet";
    static final String MESSAGE = "must be one of paper, binance, binance-testnet";

    private Kinds() {
    }
}
