package app.tradebot.platform.messaging;

/**
 * Where a consumer puts a message it gives up on: the DLQ of the queue it came from. The worker's
 * binder does this itself; the Lambda adapter ({@link QueueConsumers}) calls this, so a failing or
 * undecodable message ends in the same DLQ, with the same headers, in both worlds.
 */
@FunctionalInterface
interface DeadLetters {

    /** Sends {@code body} to {@code queue}'s DLQ and returns once the broker confirmed it; throws otherwise. */
    void send(String queue, byte[] body, RuntimeException cause);
}
