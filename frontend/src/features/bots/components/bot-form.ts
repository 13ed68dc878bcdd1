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
  risk: RiskValues;
};

/** The bot's risk limits as typed; an empty one is not sent (the server's default, or no limit). */
export type RiskValues = {
  maxOrderQuote: string;
  maxPositionQuote: string;
  maxOpenOrders: string;
  maxDailyLossPct: string;
  cooldownCandles: string;
  maxSignalAgeSeconds: string;
  flattenOnStop: boolean;
};

/** The risk object of a bot request (the engineers' brief's contract for bot risk). */
export type RiskInput = {
  maxOrderQuote?: string;
  maxPositionQuote?: string;
  maxOpenOrders?: number;
  maxDailyLossPct?: string;
  cooldownCandles?: number;
  maxSignalAgeSeconds?: number;
  flattenOnStop?: boolean;
};

export const emptyRisk: RiskValues = {
  maxOrderQuote: '', maxPositionQuote: '', maxOpenOrders: '', maxDailyLossPct: '', cooldownCandles: '',
  maxSignalAgeSeconds: '', flattenOnStop: false,
};

/** A stored bot's limits, as the form shows them. */
export function riskValuesOf(risk: Partial<Record<keyof RiskValues, unknown>> | null | undefined): RiskValues {
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    maxOrderQuote: text(risk?.maxOrderQuote), maxPositionQuote: text(risk?.maxPositionQuote),
    maxOpenOrders: text(risk?.maxOpenOrders), maxDailyLossPct: text(risk?.maxDailyLossPct),
    cooldownCandles: text(risk?.cooldownCandles), maxSignalAgeSeconds: text(risk?.maxSignalAgeSeconds),
    flattenOnStop: risk?.flattenOnStop === true,
  };
}

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

/**
 * The strategy a link names: a built-in's name, or the user:<id>@<version> reference a backtest keeps
 * (the bot is made on that strategy, at the version the backtest ran: strategyToSend). Undefined when the list has no such
 * strategy (deleted since): the form must then say so, never quietly take another one.
 */
export function linkedStrategy<S extends { name: string; kind: string; id?: string | null | undefined }>(
  strategies: readonly S[], wanted: string | undefined,
): S | undefined {
  if (!wanted) return undefined;
  const own = /^user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@\d+$/i.exec(wanted)?.[1]?.toLowerCase();
  return strategies.find((s) => (own ? s.kind === 'user' && s.id?.toLowerCase() === own : s.name === wanted));
}

/**
 * What the new-bot form sends as its strategy: the picked name, except that a bot made from a backtest
 * of a user strategy, still on that strategy, keeps the exact version the backtest ran (its
 * user:<id>@<version> reference), not the strategy's current one.
 */
export function strategyToSend<S extends { name: string; kind: string; id?: string | null | undefined }>(
  strategies: readonly S[], picked: string, linkedFrom: string | undefined,
): string {
  const linked = linkedStrategy(strategies, linkedFrom);
  return linked && linked.kind === 'user' && linked.name === picked && linkedFrom ? linkedFrom : picked;
}

/** How a bot's strategy reads: a built-in's name, or a user strategy's name and the version the bot runs. */
export function strategyLabel<S extends { name: string; kind: string; id?: string | null | undefined }>(
  strategies: readonly S[], reference: string,
): string {
  const version = /^user:[0-9a-f-]{36}@(\d+)$/i.exec(reference)?.[1];
  if (version === undefined) return reference;
  const own = linkedStrategy(strategies, reference);
  return own ? `${own.name} v${version}` : `a deleted strategy (v${version})`;
}

const positive = (v: string) => (isDecimal(v.trim()) && !v.trim().startsWith('-') && Number(v) > 0 ? null : 'A positive number');
const optional = (v: string, check: (t: string) => string | null) => (v.trim() === '' ? null : check(v.trim()));
const wholeIn = (min: number, max: number, message: string) => (t: string) =>
  /^\d+$/.test(t) && Number(t) >= min && Number(t) <= max ? null : message;

/** The checks the server makes on the risk limits; keys are form paths. */
export function riskErrors(r: RiskValues): Record<string, string | null> {
  return {
    'risk.maxOrderQuote': optional(r.maxOrderQuote, positive),
    'risk.maxPositionQuote': optional(r.maxPositionQuote, positive),
    'risk.maxOpenOrders': optional(r.maxOpenOrders, wholeIn(1, 1000, 'A whole number from 1 to 1,000')),
    'risk.maxDailyLossPct': optional(r.maxDailyLossPct, (t) => positive(t) ?? (Number(t) > 100 ? 'At most 100 %' : null)),
    'risk.cooldownCandles': optional(r.cooldownCandles, wholeIn(0, 10_000, 'A whole number from 0 to 10,000')),
    'risk.maxSignalAgeSeconds': optional(r.maxSignalAgeSeconds, wholeIn(1, 86_400, '1 to 86,400 seconds')),
  };
}

/** The checks the server makes on what this form holds besides the strategy's parameters; keys are form paths. */
export function botSettingsErrors(v: BotFormValues, creating: boolean): Record<string, string> {
  const errors: Record<string, string | null> = {
    name: v.name.trim() === '' ? 'Give the bot a name' : v.name.trim().length > 64 ? 'At most 64 characters' : null,
    'sizing.value': positive(v.sizing.value) ?? (v.sizing.type === 'percent' && Number(v.sizing.value) > 100 ? 'At most 100 %' : null),
    ...riskErrors(v.risk),
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

/** The risk object of a request: only the limits typed, and flatten-on-stop when it is on. */
export function toRisk(v: RiskValues): RiskInput | undefined {
  const risk: RiskInput = {};
  const t = (s: string) => s.trim();
  if (t(v.maxOrderQuote) !== '') risk.maxOrderQuote = t(v.maxOrderQuote);
  if (t(v.maxPositionQuote) !== '') risk.maxPositionQuote = t(v.maxPositionQuote);
  if (t(v.maxOpenOrders) !== '') risk.maxOpenOrders = Number.parseInt(t(v.maxOpenOrders), 10);
  if (t(v.maxDailyLossPct) !== '') risk.maxDailyLossPct = t(v.maxDailyLossPct);
  if (t(v.cooldownCandles) !== '') risk.cooldownCandles = Number.parseInt(t(v.cooldownCandles), 10);
  if (t(v.maxSignalAgeSeconds) !== '') risk.maxSignalAgeSeconds = Number.parseInt(t(v.maxSignalAgeSeconds), 10);
  if (v.flattenOnStop) risk.flattenOnStop = true;
  return Object.keys(risk).length > 0 ? risk : undefined;
}

export function toReplay(v: BotFormValues['replay']): { from: string; to: string } | undefined {
  return v.enabled ? { from: dayToInstant(v.from), to: dayToInstant(v.to) } : undefined;
}

/** The server names a replay problem "replay"; the form shows it under the start date. */
export function renameBotField(field: string): string {
  return field === 'replay' ? 'replay.from' : field;
}
