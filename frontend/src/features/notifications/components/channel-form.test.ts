import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { formErrorsOf } from '@/lib/field-errors';
import type { Delivery } from '../api/list-webhook-deliveries';
import { deliveryOutcome, renameChannelField, telegramErrors, telegramTestOutcome, webhookErrors } from './channel-form';

const delivery = (over: Partial<Delivery>): Delivery => ({
  id: 'd1', event: 'webhook.test', status: 'pending', attempts: 0, lastStatusCode: null, lastError: null,
  createdAt: '2026-12-06T00:00:00Z', nextAttemptAt: null, finishedAt: null, ...over,
});

describe('the notification forms', () => {
  it('check a webhook as the server does before sending it', () => {
    expect(webhookErrors({ url: 'https://hooks.example.com/tradebot', events: ['order.filled'] })).toEqual({});
    expect(webhookErrors({ url: '', events: [] })).toEqual({ url: 'Enter the URL to send to', events: 'Pick at least one event' });
    expect(webhookErrors({ url: 'ftp://example.com', events: ['bot.stopped'] }).url).toBe('An http:// or https:// URL with a host');
    expect(webhookErrors({ url: 'not a url', events: ['bot.stopped'] }).url).toBe('An http:// or https:// URL with a host');
    expect(webhookErrors({ url: 'https://me:pw@example.com/', events: ['bot.stopped'] }).url).toBe('No user name or password in the URL');
    expect(webhookErrors({ url: 'https://example.com/#x', events: ['bot.stopped'] }).url).toBe('No #fragment in the URL');
    expect(webhookErrors({ url: `https://example.com/${'a'.repeat(2048)}`, events: ['bot.stopped'] }).url).toBe('At most 2,048 characters');
  });

  it('check a Telegram channel with the server\'s patterns', () => {
    const token = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
    expect(telegramErrors({ botToken: token, chatId: '-1001234567890', events: ['bot.stopped'] })).toEqual({});
    expect(telegramErrors({ botToken: token, chatId: '@my_channel', events: ['bot.stopped'] })).toEqual({});
    expect(telegramErrors({ botToken: '123456789 AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', chatId: 'me', events: [] })).toEqual({
      botToken: 'Contains spaces or line breaks',
      chatId: 'A numeric chat id (e.g. -1001234567890) or an @channel name',
      events: 'Pick at least one event',
    });
    expect(telegramErrors({ botToken: '12:short', chatId: '42', events: ['order.filled'] }).botToken)
      .toBe('The token BotFather gave, like 123456789:AA…');
  });

  it('show the server\'s problem on the field it names, events[i] on the events field', () => {
    const error = ApiError.fromProblem(400, {
      title: 'Bad Request', status: 400, detail: 'The notification channel is not valid.',
      errors: [{ field: 'url', message: 'must not point at a loopback address (localhost is 127.0.0.1)' },
        { field: 'events[1]', message: 'must be one of order.filled, …' }, { field: 'other', message: 'odd' }],
    });
    const { fields, other } = formErrorsOf(error, { url: '', events: [] }, renameChannelField);
    expect(fields).toEqual({ url: 'must not point at a loopback address (localhost is 127.0.0.1)', events: 'must be one of order.filled, …' });
    expect(other).toEqual(['other: odd']);
    expect(renameChannelField('events')).toBe('events');
  });

  it('say how a delivery went in one line', () => {
    expect(deliveryOutcome(delivery({ status: 'succeeded', attempts: 1, lastStatusCode: 200 }))).toBe('HTTP 200 after 1 attempt');
    expect(deliveryOutcome(delivery({ status: 'retrying', attempts: 2, lastStatusCode: 503 }))).toBe('HTTP 503; trying again (2 attempts so far)');
    expect(deliveryOutcome(delivery({ status: 'failed', attempts: 9, lastError: 'connection refused' })))
      .toBe('Gave up after 9 attempts: connection refused');
    expect(deliveryOutcome(delivery({}))).toBe('Waiting to be sent');
  });
  it('say how a Telegram test went, with the likely fix for a refusal', () => {
    expect(telegramTestOutcome({ delivered: true, statusCode: 200, error: null }))
      .toEqual({ ok: true, text: 'Telegram took the test message: it should be in the chat now.' });
    expect(telegramTestOutcome({ delivered: false, statusCode: 400, error: 'answered 400: Bad Request: chat not found' })).toEqual({
      ok: false,
      text: 'Not delivered: answered 400: Bad Request: chat not found. Check the chat id, and that the bot is in the chat (a private chat must have pressed Start).',
    });
    expect(telegramTestOutcome({ delivered: false, statusCode: 401, error: 'answered 401: Unauthorized' }).text)
      .toBe('Not delivered: answered 401: Unauthorized. Check the bot token (BotFather shows it; a revoked token needs a new channel).');
    expect(telegramTestOutcome({ delivered: false, statusCode: null, error: 'no answer within 5000 ms' }).text)
      .toBe('Not delivered: no answer within 5000 ms.');
    expect(telegramTestOutcome({ delivered: false, statusCode: 502, error: null }).text).toBe('Not delivered: answered 502.');
  });
});
