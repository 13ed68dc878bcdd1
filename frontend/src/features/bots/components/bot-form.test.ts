import { describe, expect, it } from 'vitest';
import { botLinkFromBacktest } from '@/lib/bot-link';
import { botPrefill, botSettingsErrors, renameBotField, toReplay, toRisk, type BotFormValues } from './bot-form';

const values = (over: Partial<BotFormValues> = {}): BotFormValues => ({
  name: 'Trend', accountId: 'a1', symbol: 'BTCUSDT', interval: '4h', strategy: 'sma-cross', params: {},
  sizing: { type: 'percent', value: '100' }, replay: { enabled: false, from: '', to: '' },
  risk: { maxSignalAgeSeconds: '', maxOrderQuote: '' }, ...over,
});

describe('the bot form', () => {
  it('round-trips a backtest into the new-bot form', () => {
    const link = botLinkFromBacktest({
      strategy: 'sma-cross', symbol: 'BTCUSDT', interval: '4h', params: { fast: 20, slow: 50 },
      sizing: { type: 'percent', value: '50' }, from: '2020-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z',
    });
    expect(link.startsWith('/bots/new?')).toBe(true);
    const prefill = botPrefill(new URLSearchParams(link.split('?')[1]));
    expect(prefill).toEqual({
      name: 'sma-cross BTCUSDT 4h', strategy: 'sma-cross', symbol: 'BTCUSDT', interval: '4h',
      sizing: { type: 'percent', value: '50' }, replay: { enabled: true, from: '2020-01-01', to: '2021-01-01' },
      paramsGiven: { fast: '20', slow: '50' },
    });
  });

  it('ignores broken params and a bad sizing type in a link', () => {
    expect(botPrefill(new URLSearchParams('params=%7Bbroken&sizingType=all&sizingValue=1'))).toEqual({});
  });

  it('checks what the server checks before sending', () => {
    expect(botSettingsErrors(values(), true)).toEqual({});
    expect(botSettingsErrors(values({ name: ' ', accountId: '', symbol: 'B', sizing: { type: 'percent', value: '150' } }), true)).toEqual({
      name: 'Give the bot a name', accountId: 'Pick an account', symbol: '2 to 20 letters and digits', 'sizing.value': 'At most 100 %',
    });
    expect(botSettingsErrors(values({ replay: { enabled: true, from: '2021-01-01', to: '2020-01-01' } }), true))
      .toEqual({ 'replay.to': 'Must be after the start' });
    expect(botSettingsErrors(values({ risk: { maxSignalAgeSeconds: '0', maxOrderQuote: '-5' } }), false))
      .toEqual({ 'risk.maxSignalAgeSeconds': '1 to 86,400 seconds', 'risk.maxOrderQuote': 'A positive number' });
    // Editing a bot: account, symbol and replay are not the form's to change.
    expect(botSettingsErrors(values({ accountId: '', symbol: '' }), false)).toEqual({});
  });

  it('sends only the limits and the range that were given', () => {
    expect(toRisk({ maxSignalAgeSeconds: '', maxOrderQuote: '' })).toBeUndefined();
    expect(toRisk({ maxSignalAgeSeconds: ' 60 ', maxOrderQuote: '250.5' })).toEqual({ maxSignalAgeSeconds: 60, maxOrderQuote: '250.5' });
    expect(toReplay({ enabled: false, from: '2020-01-01', to: '2021-01-01' })).toBeUndefined();
    expect(toReplay({ enabled: true, from: '2020-01-01', to: '2021-01-01' }))
      .toEqual({ from: '2020-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' });
  });

  it('shows the server\'s replay problem under the start date', () => {
    expect(renameBotField('replay')).toBe('replay.from');
    expect(renameBotField('params.fast')).toBe('params.fast');
  });
});
