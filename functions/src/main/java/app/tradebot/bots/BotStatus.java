package app.tradebot.bots;

/** A bot is stopped (created, stopped by its user, or stopped itself) or running (tickBots runs it). */
public enum BotStatus {
    stopped, running
}
