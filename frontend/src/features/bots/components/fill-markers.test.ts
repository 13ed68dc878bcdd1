import { describe, expect, it } from 'vitest';
import type { Candle } from '@/api/get-candles';
import { candleOf, fillMarkers } from './fill-markers';

const candle = (openTime: string): Candle => ({ openTime, open: '1', high: '1', low: '1', close: '1', volume: '1' });
const candles = ['2024-01-01T00:00:00Z', '2024-01-01T04:00:00Z', '2024-01-01T08:00:00Z'].map(candle);
const fill = (side: 'BUY' | 'SELL', price: string, quantity: string, time: string, commission = '0', commissionAsset = 'USDT') =>
  ({ side, price, quantity, time, commission, commissionAsset });

describe('fills on the candle chart', () => {
  it('puts a moment on the candle it falls in', () => {
    expect(candleOf(candles, '2024-01-01T04:00:00Z')).toBe('2024-01-01T04:00:00Z');
    expect(candleOf(candles, '2024-01-01T07:59:59.999Z')).toBe('2024-01-01T04:00:00Z');
    expect(candleOf(candles, '2024-01-02T00:00:00Z')).toBe('2024-01-01T08:00:00Z');
    expect(candleOf(candles, '2023-12-31T23:59:59Z')).toBeNull();
    expect(candleOf([], '2024-01-01T00:00:00Z')).toBeNull();
  });

  it('marks buys as entries and sells as exits, won or lost against the average cost', () => {
    const markers = fillMarkers([
      fill('BUY', '100', '1', '2024-01-01T00:00:00Z'),
      fill('BUY', '200', '1', '2024-01-01T01:00:00Z'),
      fill('SELL', '160', '1', '2024-01-01T04:10:00Z'), // average cost 150: a gain
      fill('SELL', '140', '1', '2024-01-01T08:00:00Z'), // still 150: a loss
    ], candles, 'BTC');
    expect(markers).toEqual([
      { time: '2024-01-01T00:00:00Z', kind: 'entry', text: 'B' },
      { time: '2024-01-01T00:00:00Z', kind: 'entry', text: 'B' },
      { time: '2024-01-01T04:00:00Z', kind: 'exit', text: 'S', win: true },
      { time: '2024-01-01T08:00:00Z', kind: 'exit', text: 'S', win: false },
    ]);
  });

  it('counts a quote fee in the cost, so selling at the buy price is a loss', () => {
    const markers = fillMarkers([
      fill('BUY', '100', '1', '2024-01-01T00:00:00Z', '0.1', 'USDT'),
      fill('SELL', '100', '1', '2024-01-01T04:00:00Z'),
    ], candles, 'BTC');
    expect(markers[1]).toEqual({ time: '2024-01-01T04:00:00Z', kind: 'exit', text: 'S', win: false });
  });

  it('leaves out a fill before the first candle shown', () => {
    expect(fillMarkers([fill('BUY', '1', '1', '2023-06-01T00:00:00Z')], candles, 'BTC')).toEqual([]);
  });
});
