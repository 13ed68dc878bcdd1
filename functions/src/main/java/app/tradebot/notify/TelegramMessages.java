package app.tradebot.notify;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/** A delivery's body as a person reads it: the event's title, then each field of its data on a line. */
final class TelegramMessages {

    private TelegramMessages() {
    }

    static String text(JsonNode body) {
        String type = body.path("type").asString("");
        String title = EventType.fromWire(type).map(EventType::title).orElse(type);
        StringBuilder text = new StringBuilder("TradeBot: ").append(title);
        for (Map.Entry<String, JsonNode> field : body.path("data").properties()) {
            JsonNode value = field.getValue();
            text.append('\n').append(field.getKey()).append(": ")
                    .append(value.isValueNode() ? value.asString() : value.toString());
        }
        return text.toString();
    }
}
