import { describe, expect, it } from 'vitest';
import { defaultRunSettings, runSettingsErrors, toRunRequest } from './run-settings';

describe('run settings of a backtest or an optimisation', () => {
  const good = { ...defaultRunSettings, from: '2024-01-01', to: '2025-01-01' };

  it('accepts a complete form and sends instants and trimmed decimals', () => {
    expect(runSettingsErrors(good)).toEqual({});
    expect(toRunRequest({ ...good, symbol: ' btcusdt ', startingBalance: ' 10000.50 ' })).toEqual({
      symbol: 'BTCUSDT', interval: '4h', from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z',
      startingBalance: '10000.50', feeBps: '10', slippageBps: '5', sizing: { type: 'percent', value: '100' },
    });
  });

  it('names each bad field by its form path, as the server would', () => {
    expect(runSettingsErrors({
      ...good, symbol: 'BTC/USDT', to: '2023-12-31', startingBalance: '0', feeBps: '1001', slippageBps: '-1',
      sizing: { type: 'percent', value: '150' },
    })).toEqual({
      symbol: '2 to 20 letters and digits',
      to: 'Must be after the start',
      startingBalance: 'A positive number',
      feeBps: '0 to 1000 basis points',
      slippageBps: '0 to 1000 basis points',
      'sizing.value': 'At most 100 %',
    });
    expect(runSettingsErrors({ ...good, from: '', to: '' })).toEqual({ from: 'Pick a start date', to: 'Pick an end date' });
    expect(runSettingsErrors({ ...good, startingBalance: '1e5' })).toEqual({ startingBalance: 'A positive number' });
  });
});
