import { describe, expect, it } from 'vitest';
import { formatAxisPrice } from './chart-theme';

describe('the charts\' price axis', () => {
  it('groups thousands and keeps the decimals a price needs', () => {
    expect(formatAxisPrice(120000)).toBe('120,000');
    expect(formatAxisPrice(93354.22)).toBe('93,354.22');
    expect(formatAxisPrice(2500)).toBe('2,500.00');
    expect(formatAxisPrice(1.5)).toBe('1.50');
    expect(formatAxisPrice(0.000123456789)).toBe('0.000123457');
    expect(formatAxisPrice(-1234.5)).toBe('-1,234.50');
    expect(formatAxisPrice(0)).toBe('0');
  });
});
