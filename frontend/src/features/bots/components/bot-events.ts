// How the event log reads: each type of event with a short label and a colour, and the details
// worth a glance (the exchange's code of a refusal, the candle of a decision).

export type EventTone = 'gray' | 'blue' | 'teal' | 'red' | 'yellow' | 'grape' | 'orange';

const TYPES: Record<string, { label: string; tone: EventTone }> = {
  BOT_STARTED: { label: 'Started', tone: 'blue' },
  BOT_STOPPED: { label: 'Stopped', tone: 'gray' },
  DECISION: { label: 'Decision', tone: 'grape' },
  ERROR: { label: 'Error', tone: 'red' },
  ORDER_SENT: { label: 'Order sent', tone: 'blue' },
  ORDER_ACCEPTED: { label: 'Order accepted', tone: 'blue' },
  ORDER_FILLED: { label: 'Filled', tone: 'teal' },
  ORDER_REJECTED: { label: 'Rejected', tone: 'red' },
  ORDER_UNKNOWN: { label: 'Unknown fate', tone: 'orange' },
  ORDER_CANCELED: { label: 'Cancelled', tone: 'gray' },
  ORDER_EXPIRED: { label: 'Expired', tone: 'gray' },
  ORDER_SKIPPED: { label: 'Skipped', tone: 'yellow' },
  ORDER_FOUND: { label: 'Found', tone: 'teal' },
  ORDER_MISMATCH: { label: 'Mismatch', tone: 'red' },
  ORDER_NOT_PLACED: { label: 'Not placed', tone: 'yellow' },
  SIGNAL_RESENT: { label: 'Signal resent', tone: 'orange' },
  SIGNAL_DROPPED: { label: 'Signal dropped', tone: 'yellow' },
};

/** A label and colour for an event type; a type this app does not know yet reads as itself, in grey. */
export function eventKind(type: string): { label: string; tone: EventTone } {
  const known = TYPES[type];
  if (known) return known;
  const words = type.toLowerCase().replace(/_/g, ' ');
  return { label: words.charAt(0).toUpperCase() + words.slice(1), tone: 'gray' };
}

/** True for events a user should notice (refusals, errors, mismatches). */
export function isProblem(type: string): boolean {
  return eventKind(type).tone === 'red';
}

/** The details worth a column: an exchange code, a client order id; nothing the message already says. */
export function eventDetail(details: Record<string, unknown> | null | undefined): string {
  if (!details) return '';
  const parts: string[] = [];
  if (details.code !== undefined && details.code !== null) parts.push(`code ${String(details.code)}`);
  if (typeof details.clientOrderId === 'string') parts.push(details.clientOrderId);
  if (typeof details.reason === 'string' && parts.length === 0) parts.push(details.reason);
  return parts.join(' · ');
}
