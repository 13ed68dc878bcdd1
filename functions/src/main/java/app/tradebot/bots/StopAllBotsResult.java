package app.tradebot.bots;

import java.util.List;
import java.util.UUID;

/**
 * What the kill switch did, per bot it touched (running, or stopped with open orders or, when flattening, a
 * position): {@code stopped} when this call stopped it, how many of its orders it cancelled, the sell that
 * flattened it (null when nothing was sold) and what could not be done.
 */
record StopAllBotsResult(List<BotOutcome> bots) {

    record BotOutcome(UUID botId, String name, boolean stopped, int cancelledOrders, UUID flattenOrderId, String error) {
    }
}
