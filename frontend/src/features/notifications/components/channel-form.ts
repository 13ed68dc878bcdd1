import type { Delivery } from '../api/list-webhook-deliveries';
import type { TelegramTest } from '../api/test-telegram-channel';

/** What a channel can be told about: the API's subscribable event types, in words. */
export const EVENT_TYPES = [
  { value: 'order.filled', label: 'Order filled' },
  { value: 'order.rejected', label: 'Order rejected' },
  { value: 'bot.started', label: 'Bot started' },
  { value: 'bot.stopped', label: 'Bot stopped' },
  { value: 'risk.limit_reached', label: 'Risk limit reached' },
  { value: 'backtest.completed', label: 'Backtest completed' },
  { value: 'optimization.completed', label: 'Optimisation completed' },
] as const;

/** A new channel starts subscribed to what a trader most wants to hear about. */
export const DEFAULT_EVENTS = ['order.filled', 'order.rejected', 'bot.stopped', 'risk.limit_reached'];

export function eventLabel(value: string): string {
  return EVENT_TYPES.find((e) => e.value === value)?.label ?? value;
}

export type WebhookValues = { url: string; events: string[] };
export type TelegramValues = { botToken: string; chatId: string; events: string[] };

const MAX_URL = 2048;

/** The checks the server makes on a webhook that need no network (it also resolves the host, and refuses private addresses). */
export function webhookErrors(v: WebhookValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const url = v.url.trim();
  if (url === '') errors.url = 'Enter the URL to send to';
  else if (url.length > MAX_URL) errors.url = `At most ${MAX_URL.toLocaleString('en')} characters`;
  else {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) {
      errors.url = 'An http:// or https:// URL with a host';
    } else if (parsed.username || parsed.password) {
      errors.url = 'No user name or password in the URL';
    } else if (parsed.hash) {
      errors.url = 'No #fragment in the URL';
    }
  }
  if (v.events.length === 0) errors.events = 'Pick at least one event';
  return errors;
}

const TOKEN = /^[0-9]{3,20}:[A-Za-z0-9_-]{20,100}$/;
const CHAT = /^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/;

export function telegramErrors(v: TelegramValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!TOKEN.test(v.botToken.trim())) {
    errors.botToken = /\s/.test(v.botToken.trim()) ? 'Contains spaces or line breaks' : 'The token BotFather gave, like 123456789:AA…';
  }
  if (!CHAT.test(v.chatId.trim())) errors.chatId = 'A numeric chat id (e.g. -1001234567890) or an @channel name';
  if (v.events.length === 0) errors.events = 'Pick at least one event';
  return errors;
}

/** The server names each refused event "events[i]"; the form shows them on its one events field. */
export function renameChannelField(field: string): string {
  return /^events\[\d+\]$/.test(field) ? 'events' : field;
}

export const deliveryColor: Record<Delivery['status'], string> = {
  pending: 'gray', sending: 'blue', retrying: 'yellow', succeeded: 'teal', failed: 'red',
};

/** One line on how a delivery went: "HTTP 200 after 1 attempt", "HTTP 500, retrying (2 attempts)", … */
export function deliveryOutcome(d: Delivery): string {
  const attempts = `${d.attempts} attempt${d.attempts === 1 ? '' : 's'}`;
  const answer = d.lastStatusCode != null ? `HTTP ${d.lastStatusCode}` : d.lastError ? d.lastError : null;
  switch (d.status) {
    case 'succeeded': return `${answer ?? 'Delivered'} after ${attempts}`;
    case 'failed': return `Gave up after ${attempts}${answer ? `: ${answer}` : ''}`;
    case 'retrying': return `${answer ?? 'No answer'}; trying again (${attempts} so far)`;
    case 'sending': return 'Sending…';
    case 'pending': return 'Waiting to be sent';
  }
}

/**
 * What a Telegram test tells the trader, with the likely fix for Telegram's usual refusals
 * (a revoked token, a chat the bot is not in or was never started in).
 */
export function telegramTestOutcome(t: TelegramTest): { ok: boolean; text: string } {
  if (t.delivered) return { ok: true, text: 'Telegram took the test message: it should be in the chat now.' };
  const why = t.error ?? (t.statusCode != null ? `answered ${t.statusCode}` : 'no answer');
  const hint = t.statusCode === 401 || t.statusCode === 404
    ? ' Check the bot token (BotFather shows it; a revoked token needs a new channel).'
    : t.statusCode === 400 || t.statusCode === 403
      ? ' Check the chat id, and that the bot is in the chat (a private chat must have pressed Start).'
      : '';
  return { ok: false, text: `Not delivered: ${why}.${hint}` };
}
