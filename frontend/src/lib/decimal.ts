import Decimal from 'decimal.js';

// Decimals come from the API as strings and stay decimal: arithmetic and rounding are done by
// decimal.js, never by binary floating point. Only charts get plain numbers (to draw, not to sum).
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

export const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export function isDecimal(value: string): boolean {
  return DECIMAL_PATTERN.test(value.trim()) && value.trim() === value;
}

export function dec(value: string | number): Decimal {
  return new D(value);
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "12345.678" → "12,345.68" with dp=2; null → "—". dp undefined keeps the value's own scale. */
export function formatDecimal(value: string | null | undefined, dp?: number): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = new D(value);
  const fixed = dp === undefined ? d.toFixed() : d.toFixed(dp);
  const negative = fixed.startsWith('-');
  const [int = '0', frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const out = group(int) + (frac !== undefined ? `.${frac}` : '');
  return negative && !/^[0.,]+$/.test(out) ? `-${out}` : out;
}

/** A ratio ("0.1234") as a percentage ("12.34 %"), sign kept. */
export function formatPercent(ratio: string | null | undefined, dp = 2): string {
  if (ratio === null || ratio === undefined || ratio === '') return '—';
  return `${formatDecimal(new D(ratio).times(100).toFixed(dp), dp)} %`;
}

/**
 * An amount held (a balance, a position) as a person reads it: at most 8 decimals, cut rather than
 * rounded so it never shows more than is there, trailing zeros dropped ("47,562.132468209306397" →
 * "47,562.13246820" → "47,562.1324682").
 */
export function formatQuantity(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return formatDecimal(new D(value).toDecimalPlaces(8, Decimal.ROUND_DOWN).toFixed());
}

/** A price with enough digits to be useful: 2 above 1, up to 8 below. */
export function formatPrice(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = new D(value);
  const dp = d.abs().gte(1) ? 2 : Math.min(8, Math.max(2, d.decimalPlaces()));
  return formatDecimal(value, dp);
}

/** -1, 0 or 1, for colouring gains and losses. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 {
  if (value === null || value === undefined || value === '') return 0;
  const d = new D(value);
  return d.isZero() ? 0 : d.isNegative() ? -1 : 1;
}

export function sumDecimals(values: readonly string[]): string {
  return values.reduce((acc, v) => acc.plus(v), new D(0)).toFixed();
}

/** Compares two decimal strings exactly (for sorting tables). */
export function compareDecimals(a: string | null | undefined, b: string | null | undefined): number {
  if (a == null || a === '') return b == null || b === '' ? 0 : -1;
  if (b == null || b === '') return 1;
  return new D(a).comparedTo(b);
}

/** A profit or loss with its sign always shown: "+1,234.56 USDT", "-0.50 USDT", "0.00 USDT"; null → "—". */
export function formatPnl(value: string | null | undefined, quote = '', dp = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const rounded = new D(value).toDecimalPlaces(dp);
  const text = formatDecimal(rounded.toFixed(dp), dp);
  const signed = signOf(rounded.toFixed()) > 0 ? `+${text}` : text;
  return quote ? `${signed} ${quote}` : signed;
}

/** For drawing only. */
export function toChartNumber(value: string): number {
  return Number(value);
}
