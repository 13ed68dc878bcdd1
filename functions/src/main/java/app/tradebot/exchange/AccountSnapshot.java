package app.tradebot.exchange;

import java.util.List;

/** An account's balances (non-zero ones) and whether it may trade. */
public record AccountSnapshot(boolean canTrade, boolean canWithdraw, List<Balance> balances) {
}
