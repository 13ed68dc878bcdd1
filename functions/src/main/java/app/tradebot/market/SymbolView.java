package app.tradebot.market;

import java.time.Instant;

/**
 * A symbol the API knows: listed by the exchange ({@code source} "exchange", with its assets and
 * trading status) or only imported ({@code source} "import", status "IMPORTED").
 */
record SymbolView(String symbol, String baseAsset, String quoteAsset, String status, String source, Instant updatedAt) {
}
