package app.tradebot.notify;

/** Thrown for a delivery that failed for good, so its task ends in the queue's dead-letter queue. */
final class DeliveryAbandoned extends RuntimeException {

    DeliveryAbandoned(Delivery delivery) {
        super("Delivery " + delivery.id() + " failed after " + delivery.attempts() + " attempts: " + delivery.lastError());
    }
}
