// The link between a backtest's result and the new-bot form: the backtests feature builds it, the bots
// feature reads it (botPrefill), so it lives beside both.

/** The new-bot form filled with a backtest's strategy, params, market, sizing and range (as a replay). */
export function botLinkFromBacktest(request: {
  strategy: string; symbol: string; interval: string; params?: Record<string, unknown> | null | undefined;
  sizing: { type: string; value: string }; from: string; to: string;
}): string {
  const q = new URLSearchParams({
    strategy: request.strategy, symbol: request.symbol, interval: request.interval,
    params: JSON.stringify(request.params ?? {}), sizingType: request.sizing.type, sizingValue: request.sizing.value,
    from: request.from, to: request.to, name: `${request.strategy} ${request.symbol} ${request.interval}`,
  });
  return `/bots/new?${q.toString()}`;
}
