package app.tradebot.notify;

/** Where a channel's notifications go; the name of the task that delivers them. */
enum ChannelKind {
    WEBHOOK("deliverWebhook"), TELEGRAM("deliverTelegram");

    private final String function;

    ChannelKind(String function) {
        this.function = function;
    }

    String function() {
        return function;
    }
}
