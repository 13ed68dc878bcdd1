import { dec, isDecimal } from '@/lib/decimal';

/** The API takes "0" as "no daily loss limit". */
export const NO_LIMIT = '0';

/**
 * The checks on a typed daily loss limit the form makes before sending: a positive decimal (commas
 * and spaces a trader types as thousands separators are not guessed at). The upper bound is the
 * server's, shown on the field when it refuses.
 */
export function dailyLossLimitError(value: string): string | null {
  const v = value.trim();
  if (v === '') return 'Enter an amount, or press Remove limit';
  if (/\s|,/.test(v)) return 'Digits and one decimal point only, like 250 or 12.5';
  if (!isDecimal(v) || v.startsWith('-')) return 'A positive amount, like 250 or 12.5';
  if (dec(v).isZero()) return 'More than 0 (Remove limit takes the limit away)';
  return null;
}

/** The limit as sent: the typed amount without its surrounding spaces. */
export function dailyLossLimitBody(value: string): string {
  return value.trim();
}

/** How the accounts table shows a limit: "250 a day" (in the bots' quote asset), or "none". */
export function describeDailyLossLimit(limit: string | null | undefined): string {
  if (limit == null || dec(limit).isZero()) return 'none';
  return `${dec(limit).toFixed()} a day`;
}
