package app.tradebot.exchange.binance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.tradebot.exchange.Kline;
import app.tradebot.exchange.Order;
import app.tradebot.exchange.OrderFilters;
import app.tradebot.exchange.OrderStatus;
import app.tradebot.exchange.OrderType;
import app.tradebot.exchange.Side;
import app.tradebot.exchange.SymbolRules;
import app.tradebot.exchange.Ticker24h;
import app.tradebot.exchange.Trade;
import tools.jackson.databind.JsonNode;

/** Binance's JSON shapes read into the port's records. */
final class BinanceJson {

    private BinanceJson() {
    }

    static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? BigDecimal.ZERO : OrderFilters.plain(new BigDecimal(value.asString()));
    }

    static Instant millis(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }

    static SymbolRules symbol(JsonNode s) {
        BigDecimal tickSize = BigDecimal.ZERO;
        BigDecimal minPrice = BigDecimal.ZERO;
        BigDecimal maxPrice = BigDecimal.ZERO;
        BigDecimal stepSize = BigDecimal.ZERO;
        BigDecimal minQty = BigDecimal.ZERO;
        BigDecimal maxQty = BigDecimal.ZERO;
        BigDecimal marketStepSize = BigDecimal.ZERO;
        BigDecimal marketMinQty = BigDecimal.ZERO;
        BigDecimal marketMaxQty = BigDecimal.ZERO;
        BigDecimal minNotional = BigDecimal.ZERO;
        BigDecimal maxNotional = BigDecimal.ZERO;
        boolean applyMinToMarket = true;
        boolean applyMaxToMarket = false;
        BigDecimal bidUp = BigDecimal.ZERO;
        BigDecimal bidDown = BigDecimal.ZERO;
        BigDecimal askUp = BigDecimal.ZERO;
        BigDecimal askDown = BigDecimal.ZERO;
        int maxNumOrders = 0;
        for (JsonNode filter : s.path("filters")) {
            switch (filter.path("filterType").asString("")) {
                case "PRICE_FILTER" -> {
                    tickSize = decimal(filter, "tickSize");
                    minPrice = decimal(filter, "minPrice");
                    maxPrice = decimal(filter, "maxPrice");
                }
                case "LOT_SIZE" -> {
                    stepSize = decimal(filter, "stepSize");
                    minQty = decimal(filter, "minQty");
                    maxQty = decimal(filter, "maxQty");
                }
                case "MARKET_LOT_SIZE" -> {
                    marketStepSize = decimal(filter, "stepSize");
                    marketMinQty = decimal(filter, "minQty");
                    marketMaxQty = decimal(filter, "maxQty");
                }
                // Binance replaced MIN_NOTIONAL with NOTIONAL; a symbol has one of the two.
                case "MIN_NOTIONAL" -> {
                    minNotional = minNotional.max(decimal(filter, "minNotional"));
                    applyMinToMarket = filter.path("applyToMarket").asBoolean(true);
                }
                case "NOTIONAL" -> {
                    minNotional = minNotional.max(decimal(filter, "minNotional"));
                    maxNotional = decimal(filter, "maxNotional");
                    applyMinToMarket = filter.path("applyMinToMarket").asBoolean(true);
                    applyMaxToMarket = filter.path("applyMaxToMarket").asBoolean(false);
                }
                case "PERCENT_PRICE_BY_SIDE" -> {
                    bidUp = decimal(filter, "bidMultiplierUp");
                    bidDown = decimal(filter, "bidMultiplierDown");
                    askUp = decimal(filter, "askMultiplierUp");
                    askDown = decimal(filter, "askMultiplierDown");
                }
                case "MAX_NUM_ORDERS" -> maxNumOrders = filter.path("maxNumOrders").asInt(0);
                default -> {
                }
            }
        }
        return new SymbolRules(s.path("symbol").asString(), s.path("baseAsset").asString(), s.path("quoteAsset").asString(),
                s.path("status").asString(), OrderFilters.plain(tickSize), OrderFilters.plain(stepSize),
                OrderFilters.plain(minQty), OrderFilters.plain(maxQty), OrderFilters.plain(minNotional),
                OrderFilters.plain(minPrice), OrderFilters.plain(maxPrice), OrderFilters.plain(marketStepSize),
                OrderFilters.plain(marketMinQty), OrderFilters.plain(marketMaxQty), OrderFilters.plain(maxNotional),
                applyMinToMarket, applyMaxToMarket, OrderFilters.plain(bidUp), OrderFilters.plain(bidDown),
                OrderFilters.plain(askUp), OrderFilters.plain(askDown), maxNumOrders);
    }

    /** [openTime, open, high, low, close, volume, closeTime, …] */
    static Kline kline(JsonNode row) {
        return new Kline(Instant.ofEpochMilli(row.get(0).asLong()), column(row, 1), column(row, 2), column(row, 3),
                column(row, 4), column(row, 5), Instant.ofEpochMilli(row.get(6).asLong()));
    }

    private static BigDecimal column(JsonNode row, int index) {
        return OrderFilters.plain(new BigDecimal(row.get(index).asString()));
    }

    static Ticker24h ticker24h(JsonNode t) {
        return new Ticker24h(t.path("symbol").asString(), decimal(t, "lastPrice"), decimal(t, "priceChange"),
                decimal(t, "priceChangePercent"), decimal(t, "highPrice"), decimal(t, "lowPrice"), decimal(t, "volume"),
                decimal(t, "quoteVolume"), millis(t, "openTime"), millis(t, "closeTime"));
    }

    /**
     * An order from a new-order, query or cancel answer. A cancel answer's {@code clientOrderId} is the
     * cancel request's own id, so ours is {@code origClientOrderId} there.
     */
    static Order order(JsonNode o) {
        String clientOrderId = o.hasNonNull("origClientOrderId") ? o.get("origClientOrderId").asString()
                : o.path("clientOrderId").asString();
        OrderType type = OrderType.of(o.path("type").asString(null));
        BigDecimal price = decimal(o, "price");
        Instant created = o.hasNonNull("time") ? millis(o, "time") : o.hasNonNull("origClientOrderId") ? null
                : millis(o, "transactTime");
        Instant updated = o.hasNonNull("updateTime") ? millis(o, "updateTime") : millis(o, "transactTime");
        return new Order(o.path("symbol").asString(), clientOrderId, o.path("orderId").asLong(),
                side(o.path("side").asString(null)), type, OrderStatus.of(o.path("status").asString(null)),
                type == OrderType.MARKET || price.signum() == 0 ? null : OrderFilters.plain(price),
                OrderFilters.plain(decimal(o, "origQty")), OrderFilters.plain(decimal(o, "executedQty")),
                OrderFilters.plain(decimal(o, "cummulativeQuoteQty")), created, updated);
    }

    private static Side side(String name) {
        return "SELL".equals(name) ? Side.SELL : Side.BUY;
    }

    /**
     * The fills of a new-order answer with {@code newOrderRespType=FULL}: each is one trade of the order,
     * taken at the answer's {@code transactTime}; a fill at placement is never the maker side.
     */
    static List<Trade> fills(JsonNode answer, Order order) {
        List<Trade> trades = new ArrayList<>();
        Instant time = millis(answer, "transactTime");
        for (JsonNode f : answer.path("fills")) {
            BigDecimal price = OrderFilters.plain(decimal(f, "price"));
            BigDecimal qty = OrderFilters.plain(decimal(f, "qty"));
            trades.add(new Trade(order.symbol(), f.path("tradeId").asLong(), order.exchangeOrderId(), order.side(), price,
                    qty, OrderFilters.plain(price.multiply(qty)), OrderFilters.plain(decimal(f, "commission")),
                    f.path("commissionAsset").asString(), false, time));
        }
        return trades;
    }

    static Trade trade(JsonNode t) {
        return new Trade(t.path("symbol").asString(), t.path("id").asLong(), t.path("orderId").asLong(),
                t.path("isBuyer").asBoolean() ? Side.BUY : Side.SELL, OrderFilters.plain(decimal(t, "price")),
                OrderFilters.plain(decimal(t, "qty")), OrderFilters.plain(decimal(t, "quoteQty")),
                OrderFilters.plain(decimal(t, "commission")), t.path("commissionAsset").asString(),
                t.path("isMaker").asBoolean(), millis(t, "time"));
    }
}
