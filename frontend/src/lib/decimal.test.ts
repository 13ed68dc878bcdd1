import { describe, expect, it } from 'vitest';
import { compareDecimals, formatDecimal, formatPercent, formatPrice, formatQuantity, isDecimal, signOf, sumDecimals } from './decimal';

describe('decimal formatting', () => {
  it('groups thousands and rounds half to even at the given scale', () => {
    expect(formatDecimal('1234567.891', 2)).toBe('1,234,567.89');
    expect(formatDecimal('0.125', 2)).toBe('0.12');
    expect(formatDecimal('0.135', 2)).toBe('0.14');
    expect(formatDecimal('-1234.5', 0)).toBe('-1,234');
    expect(formatDecimal('10000')).toBe('10,000');
  });

  it('keeps digits a float would lose', () => {
    expect(formatDecimal('12345678901234567.12345678')).toBe('12,345,678,901,234,567.12345678');
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
  });

  it('shows no minus sign on a value that rounds to zero, and a dash for missing values', () => {
    expect(formatDecimal('-0.001', 2)).toBe('0.00');
    expect(formatDecimal(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
  });

  it('turns ratios into percentages exactly', () => {
    expect(formatPercent('0.123456')).toBe('12.35 %');
    expect(formatPercent('-0.5', 1)).toBe('-50.0 %');
    expect(formatPercent('1.5')).toBe('150.00 %');
  });

  it('prices below one keep their significant digits', () => {
    expect(formatPrice('0.00001234')).toBe('0.00001234');
    expect(formatPrice('65000.5')).toBe('65,000.50');
  });

  it('reads only plain decimal strings, as the API writes them', () => {
    expect(isDecimal('0.001')).toBe(true);
    expect(isDecimal('-12')).toBe(true);
    expect(isDecimal('1e5')).toBe(false);
    expect(isDecimal(' 1')).toBe(false);
    expect(isDecimal('01')).toBe(false);
    expect(isDecimal('')).toBe(false);
  });

  it('signs and compares exactly', () => {
    expect(signOf('-0.00000001')).toBe(-1);
    expect(signOf('0.00000000')).toBe(0);
    expect(signOf('3')).toBe(1);
    expect(compareDecimals('0.30000000000000001', '0.3')).toBe(1);
    expect(compareDecimals(null, '1')).toBe(-1);
  });
  it('shows an amount held with at most 8 decimals, cut, never rounded up', () => {
    expect(formatQuantity('47562.132468209306397')).toBe('47,562.13246820'.replace(/0+$/, ''));
    expect(formatQuantity('0.123456789')).toBe('0.12345678');
    expect(formatQuantity('0.999999999')).toBe('0.99999999');
    expect(formatQuantity('25000')).toBe('25,000');
    expect(formatQuantity('0')).toBe('0');
    expect(formatQuantity('-0.5')).toBe('-0.5');
    expect(formatQuantity(null)).toBe('—');
  });
});
