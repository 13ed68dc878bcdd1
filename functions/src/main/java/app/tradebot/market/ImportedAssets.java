package app.tradebot.market;

import java.util.List;

/**
 * The base and quote assets of a symbol known only from imported candles, read from its name
 * ("BTCUSDT" → BTC and USDT) by the quote assets Binance lists most; both null when no known quote
 * ends the name. A paper account needs them to know which of its balances a bot on such a symbol spends.
 */
record ImportedAssets(String base, String quote) {

    /** Longest first, so "FDUSD" wins over "USD" and "USDT" over "USD". */
    private static final List<String> QUOTES = List.of("FDUSD", "USDT", "USDC", "BUSD", "TUSD", "DAI", "EUR", "GBP",
            "TRY", "BRL", "BTC", "ETH", "BNB", "USD");

    static ImportedAssets of(String symbol) {
        return QUOTES.stream()
                .filter(quote -> symbol.endsWith(quote) && symbol.length() > quote.length())
                .findFirst()
                .map(quote -> new ImportedAssets(symbol.substring(0, symbol.length() - quote.length()), quote))
                .orElse(new ImportedAssets(null, null));
    }
}
