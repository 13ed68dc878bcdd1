package app.tradebot.notify;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A row of notification_channels. {@code events} is comma-separated wire names. */
record Channel(UUID id, UUID userId, ChannelKind kind, String url, String chatId, String secretEnc, String secretHint,
        String events, Instant createdAt) {

    List<String> eventNames() {
        return Arrays.asList(events.split(","));
    }

    static String join(List<EventType> events) {
        return String.join(",", events.stream().map(EventType::wire).distinct().toList());
    }
}
