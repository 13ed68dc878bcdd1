/**
 * Streaming technical indicators for strategies: each is fed one closed candle at a time with
 * {@code update(...)}, does O(1) work per candle (amortised where a window is re-summed once per lap
 * or a monotonic deque pops) and allocates nothing after construction. Definitions follow ta4j 0.17
 * exactly (the tests compare every output on the real BTC/USD 4 h series, error at most 1e-9 after
 * warm-up); values before {@code isReady()} are ta4j's partial-window values, not to be traded on.
 * Instances are not thread-safe: one per strategy run.
 */
package app.tradebot.strategy.indicators;
