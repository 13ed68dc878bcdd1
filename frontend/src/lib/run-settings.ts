import { isDecimal } from './decimal';

/** What a backtest and an optimisation both take besides the strategy: market, range, money, costs. */
export type RunSettings = {
  symbol: string;
  interval: string;
  from: string; // YYYY-MM-DD, UTC
  to: string;
  startingBalance: string;
  feeBps: string;
  slippageBps: string;
  sizing: { type: 'fixed' | 'percent'; value: string };
};

export const defaultRunSettings: RunSettings = {
  symbol: 'BTCUSDT', interval: '4h', from: '', to: '', startingBalance: '10000', feeBps: '10', slippageBps: '5',
  sizing: { type: 'percent', value: '100' },
};

export function dayToInstant(day: string): string {
  return `${day}T00:00:00Z`;
}

export function instantToDay(iso: string): string {
  return iso.slice(0, 10);
}

const positive = (v: string) => (isDecimal(v.trim()) && !v.trim().startsWith('-') && Number(v) > 0 ? null : 'A positive number');
const bps = (v: string) => (isDecimal(v.trim()) && !v.trim().startsWith('-') && Number(v) <= 1000 ? null : '0 to 1000 basis points');

/** The same checks the server makes, so most mistakes never leave the browser; keys are form paths. */
export function runSettingsErrors(s: RunSettings): Record<string, string> {
  const errors: Record<string, string | null> = {
    symbol: /^[A-Za-z0-9]{2,20}$/.test(s.symbol.trim()) ? null : '2 to 20 letters and digits',
    from: DAY.test(s.from) ? null : 'Pick a start date',
    to: !DAY.test(s.to) ? 'Pick an end date' : DAY.test(s.from) && s.to <= s.from ? 'Must be after the start' : null,
    startingBalance: positive(s.startingBalance),
    feeBps: bps(s.feeBps),
    slippageBps: bps(s.slippageBps),
    'sizing.value': positive(s.sizing.value) ?? (s.sizing.type === 'percent' && Number(s.sizing.value) > 100 ? 'At most 100 %' : null),
  };
  return Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => e[1] !== null));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function toRunRequest(s: RunSettings) {
  return {
    symbol: s.symbol.trim().toUpperCase(),
    interval: s.interval,
    from: dayToInstant(s.from),
    to: dayToInstant(s.to),
    startingBalance: s.startingBalance.trim(),
    feeBps: s.feeBps.trim(),
    slippageBps: s.slippageBps.trim(),
    sizing: { type: s.sizing.type, value: s.sizing.value.trim() },
  };
}
