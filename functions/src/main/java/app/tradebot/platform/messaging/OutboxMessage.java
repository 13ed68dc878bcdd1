package app.tradebot.platform.messaging;

/** A row of the outbox: {@code payload} is the JSON body, {@code headers} a JSON object of strings. */
record OutboxMessage(long id, String function, String payload, String headers, int attempts) {
}
