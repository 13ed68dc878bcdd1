import { describe, expect, it } from 'vitest';
import { BacktestSchema } from '../api/get-backtest';
import { describeUndefined } from './undefined-candles';

describe('candles where the strategy was undefined', () => {
  it('are read from the result and told as the bots tell them', () => {
    const backtest = BacktestSchema.parse({
      id: 'b1', status: 'succeeded', progress: 100, createdAt: '2026-01-01T00:00:00Z',
      request: {
        symbol: 'BTCUSDT', interval: '4h', strategy: 'user:0b7c7f3e-1111-4222-8333-944455556666@1', params: {},
        from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', startingBalance: '1000', feeBps: '10', slippageBps: '5',
        sizing: { type: 'percent', value: '100' },
      },
      result: {
        metrics: { tradeCount: 0 }, trades: [], equityCurve: [], undefinedCandles: 7,
        firstUndefined: [{ time: '2025-01-01T04:00:00Z', rule: 'entry', expression: '(close - low) / (high - low)', line: 2,
          column: 22, reason: 'divides by zero' }],
      },
    });
    expect(backtest.result?.undefinedCandles).toBe(7);
    expect(describeUndefined(backtest.result!.firstUndefined![0]!))
      .toBe('entry is undefined: (close - low) / (high - low) (line 2, column 22) divides by zero');
  });
});
