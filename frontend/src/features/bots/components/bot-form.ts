import { isDecimal } from '@/lib/decimal';
import { dayToInstant, instantToDay } from '@/lib/run-settings';

/** The values of the bot form, as typed (strings), before they become a request. */
export type BotFormValues = {
  name: string;
  accountId: string;
  symbol: string;
  interval: string;
  strategy: string;
  params: Record<string, string>;
  sizing: { type: 'fixed' | 'percent'; value: string };
  replay: { enabled: boolean; from: string; to: string };
  risk: { maxSignalAgeSeconds: string; maxOrderQuote: string };
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A new bot's values from a link's query (e.g. "create a bot from this backtest"); missing ones get defaults. */
export function botPrefill(search: URLSearchParams): Partial<BotFormValues> & { paramsGiven?: Record<string, string> } {
  const out: Partial<BotFormValues> & { paramsGiven?: Record<string, string> } = {};
  const text = (k: string) => search.get(k) ?? undefined;
  if (text('name')) out.name = text('name')!;
  if (text('strategy')) out.strategy = text('strategy')!;
  if (text('symbol')) out.symbol = text('symbol')!.toUpperCase();
  if (text('interval')) out.interval = text('interval')!;
  const type = search.get('sizingType');
  const value = search.get('sizingValue');
  if ((type === 'fixed' || type === 'percent') && value) out.sizing = { type, value };
  const from = search.get('from');
  const to = search.get('to');
  if (from && to) out.replay = { enabled: true, from: instantToDay(from), to: instantToDay(to) };
  const params = search.get('params');
  if (params) {
    try {
      const parsed: unknown = JSON.parse(params);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        out.paramsGiven = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
      }
    } catch {
      // a link with broken params: the strategy's defaults stay
    }
  }
  return out;
}

const positive = (v: string) => (isDecimal(v.trim()) && !v.trim().startsWith('-') && Number(v) > 0 ? null : 'A positive number');

/** The checks the server makes on what this form holds besides the strategy's parameters; keys are form paths. */
export function botSettingsErrors(v: BotFormValues, creating: boolean): Record<string, string> {
  const errors: Record<string, string | null> = {
    name: v.name.trim() === '' ? 'Give the bot a name' : v.name.trim().length > 64 ? 'At most 64 characters' : null,
    'sizing.value': positive(v.sizing.value) ?? (v.sizing.type === 'percent' && Number(v.sizing.value) > 100 ? 'At most 100 %' : null),
    'risk.maxSignalAgeSeconds': v.risk.maxSignalAgeSeconds.trim() === '' ? null
      : /^\d+$/.test(v.risk.maxSignalAgeSeconds.trim()) && Number(v.risk.maxSignalAgeSeconds) >= 1 && Number(v.risk.maxSignalAgeSeconds) <= 86_400
        ? null : '1 to 86,400 seconds',
    'risk.maxOrderQuote': v.risk.maxOrderQuote.trim() === '' ? null : positive(v.risk.maxOrderQuote),
  };
  if (creating) {
    errors.accountId = v.accountId === '' ? 'Pick an account' : null;
    errors.symbol = /^[A-Za-z0-9]{2,20}$/.test(v.symbol.trim()) ? null : '2 to 20 letters and digits';
    if (v.replay.enabled) {
      errors['replay.from'] = DAY.test(v.replay.from) ? null : 'Pick a start date';
      errors['replay.to'] = !DAY.test(v.replay.to) ? 'Pick an end date'
        : DAY.test(v.replay.from) && v.replay.to <= v.replay.from ? 'Must be after the start' : null;
    }
  }
  return Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => e[1] !== null));
}

/** The risk object of a request: only the limits typed. */
export function toRisk(v: BotFormValues['risk']): { maxSignalAgeSeconds?: number; maxOrderQuote?: string } | undefined {
  const risk: { maxSignalAgeSeconds?: number; maxOrderQuote?: string } = {};
  if (v.maxSignalAgeSeconds.trim() !== '') risk.maxSignalAgeSeconds = Number.parseInt(v.maxSignalAgeSeconds.trim(), 10);
  if (v.maxOrderQuote.trim() !== '') risk.maxOrderQuote = v.maxOrderQuote.trim();
  return Object.keys(risk).length > 0 ? risk : undefined;
}

export function toReplay(v: BotFormValues['replay']): { from: string; to: string } | undefined {
  return v.enabled ? { from: dayToInstant(v.from), to: dayToInstant(v.to) } : undefined;
}

/** The server names a replay problem "replay"; the form shows it under the start date. */
export function renameBotField(field: string): string {
  return field === 'replay' ? 'replay.from' : field;
}
