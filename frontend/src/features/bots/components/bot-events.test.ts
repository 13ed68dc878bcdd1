import { describe, expect, it } from 'vitest';
import { eventDetail, eventKind, isProblem } from './bot-events';

describe('event log rendering', () => {
  it('labels and colours the known event types', () => {
    expect(eventKind('ORDER_FILLED')).toEqual({ label: 'Filled', tone: 'teal' });
    expect(eventKind('ORDER_REJECTED')).toEqual({ label: 'Rejected', tone: 'red' });
    expect(eventKind('DECISION').label).toBe('Decision');
  });

  it('reads a type it does not know as words, in grey', () => {
    expect(eventKind('ORDER_PARTIALLY_SWEPT')).toEqual({ label: 'Order partially swept', tone: 'gray' });
  });

  it('flags refusals and errors', () => {
    expect(isProblem('ERROR')).toBe(true);
    expect(isProblem('ORDER_REJECTED')).toBe(true);
    expect(isProblem('ORDER_FILLED')).toBe(false);
  });

  it('picks the exchange code and the client order id out of the details', () => {
    expect(eventDetail({ code: -2010, message: 'Account has insufficient balance', clientOrderId: 'tb-1-2-0' }))
      .toBe('code -2010 · tb-1-2-0');
    expect(eventDetail({ reason: 'timeout' })).toBe('timeout');
    expect(eventDetail({ candle: '2024-01-01T00:00:00Z', intents: 1 })).toBe('');
    expect(eventDetail(null)).toBe('');
  });
});
