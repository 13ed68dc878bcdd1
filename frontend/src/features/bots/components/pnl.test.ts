import { describe, expect, it } from 'vitest';
import { formatPnl } from '@/lib/decimal';
import { baseOf, formatPosition, quoteOf, totalPnl } from './pnl';

describe('PnL formatting', () => {
  it('shows the sign of a gain, a loss and nothing for zero', () => {
    expect(formatPnl('1234.565', 'USDT')).toBe('+1,234.56 USDT');
    expect(formatPnl('-0.5', 'USDT')).toBe('-0.50 USDT');
    expect(formatPnl('0', 'USDT')).toBe('0.00 USDT');
    expect(formatPnl('-0.001', 'USDT')).toBe('0.00 USDT');
    expect(formatPnl(null, 'USDT')).toBe('—');
    expect(formatPnl('12.3456789', '', 4)).toBe('+12.3457');
  });

  it('adds realised and unrealised PnL without floating point', () => {
    expect(totalPnl('0.1', '0.2')).toBe('0.3');
    expect(totalPnl('-10.05', '3.0000001')).toBe('-7.0499999');
    expect(totalPnl(null, null)).toBeNull();
  });

  it('splits a symbol into base and quote', () => {
    expect(quoteOf('BTCUSDT')).toBe('USDT');
    expect(baseOf('BTCUSDT')).toBe('BTC');
    expect(quoteOf('ETHBTC')).toBe('BTC');
    expect(baseOf('ETHBTC')).toBe('ETH');
    expect(quoteOf('XYZABC')).toBe('');
    expect(baseOf('XYZABC')).toBe('XYZABC');
  });

  it('describes the position, dust as flat', () => {
    expect(formatPosition({ quantity: '0.01234000', averageEntryPrice: '25000.123', flat: false }, 'BTCUSDT'))
      .toBe('0.01234 BTC at 25,000.12');
    expect(formatPosition({ quantity: '0', averageEntryPrice: null, flat: true }, 'BTCUSDT')).toBe('Flat');
    expect(formatPosition({ quantity: '0.00000012', averageEntryPrice: '1', flat: true }, 'BTCUSDT')).toBe('Flat (dust 0.00000012 BTC)');
  });
});
