import { describe, expect, it } from 'vitest';
import type { PortfolioAccount } from '../api/get-portfolio';
import { balanceRows, equityChange, equityLine, pnlByQuote, rangeStart, runningBots } from './portfolio';

const account = (over: Partial<PortfolioAccount> = {}): PortfolioAccount => ({
  accountId: 'a1', name: 'Paper', venue: 'paper', valueUsdt: '30000', unpriced: [], balances: [], bots: [], ...over,
});
const bot = (quoteAsset: string, realisedPnl: string, unrealisedPnl: string, status = 'running') => ({
  botId: `${quoteAsset}-${realisedPnl}`, name: 'b', symbol: `X${quoteAsset}`, status, quoteAsset, position: '0',
  avgEntryPrice: null, lastPrice: null, realisedPnl, unrealisedPnl,
});

describe('the portfolio page', () => {
  it('asks for the equity since the start of the chosen range, in whole minutes, or the longest the API serves', () => {
    const now = new Date('2026-12-06T10:15:42.123Z');
    expect(rangeStart('7d', now)).toBe('2026-11-29T10:15:00.000Z');
    expect(rangeStart('1y', now)).toBe('2025-12-06T10:15:00.000Z');
    expect(rangeStart('all', now)).toBe('2023-12-07T10:15:00.000Z'); // just inside the API's longest range, 1,096 days
  });

  it('draws the equity oldest first and measures its change in decimals', () => {
    const points = [
      { time: '2026-12-02T00:00:00Z', equityUsdt: '10200.10' },
      { time: '2026-12-01T00:00:00Z', equityUsdt: '10000.00' },
      { time: '2026-12-03T00:00:00Z', equityUsdt: '9900.30' },
    ];
    expect(equityLine(points).map((p) => p.value)).toEqual([10000, 10200.1, 9900.3]);
    expect(equityChange(points)).toEqual({ first: '10000', last: '9900.3', change: '-99.7', ratio: '-0.00997' });
    expect(equityChange(points.slice(0, 1))).toBeNull();
    // Points within the first second: the chart draws the last of them, and the change starts there.
    const sameSecond = [
      { time: '2026-12-06T05:53:46.158Z', equityUsdt: '67843.7' },
      { time: '2026-12-06T05:53:46.242Z', equityUsdt: '25469.8' },
      { time: '2026-12-06T05:55:00.268Z', equityUsdt: '47562.1' },
    ];
    expect(equityChange(sameSecond)).toEqual({ first: '25469.8', last: '47562.1', change: '22092.3', ratio: expect.any(String) });
    expect(equityChange(sameSecond.slice(0, 2))).toBeNull();
    // A start at zero has no ratio, rather than an infinite one.
    expect(equityChange([{ time: '2026-12-01T00:00:00Z', equityUsdt: '0' }, { time: '2026-12-02T00:00:00Z', equityUsdt: '5' }])?.ratio).toBeNull();
  });

  it('sums the bots\' PnL per quote asset exactly, never across assets', () => {
    expect(pnlByQuote([bot('USDT', '0.1', '0.2'), bot('USDT', '0.2', '-1'), bot('BTC', '0.00000001', '0')])).toEqual([
      { quote: 'BTC', realised: '0.00000001', unrealised: '0', total: '0.00000001' },
      { quote: 'USDT', realised: '0.3', unrealised: '-0.8', total: '-0.5' },
    ]);
    expect(runningBots([account({ bots: [bot('USDT', '0', '0'), bot('USDT', '1', '0', 'stopped')] }), account()])).toBe(1);
  });

  it('lists the balances worth showing, the most valuable first, unpriced ones last with no share', () => {
    const rows = balanceRows(account({
      valueUsdt: '30000',
      unpriced: ['XYZ'],
      balances: [
        { asset: 'USDT', free: '10000', locked: '0', priceUsdt: '1', valueUsdt: '10000' },
        { asset: 'XYZ', free: '5', locked: '0', priceUsdt: null, valueUsdt: null },
        { asset: 'ETH', free: '0', locked: '0', priceUsdt: '3000', valueUsdt: '0' },
        { asset: 'BTC', free: '0.15', locked: '0.05', priceUsdt: '100000', valueUsdt: '20000' },
      ],
    }));
    expect(rows.map((r) => [r.asset, r.total, r.share])).toEqual([
      ['BTC', '0.2', '0.6667'],
      ['USDT', '10000', '0.3333'],
      ['XYZ', '5', null],
    ]);
  });
});
