import { describe, expect, it } from 'vitest';
import { botLinkFromBacktest } from '@/lib/bot-link';
import { botPrefill, botSettingsErrors, emptyRisk, linkedStrategy, strategyLabel, strategyToSend, renameBotField, riskValuesOf, toReplay, toRisk, type BotFormValues } from './bot-form';

const values = (over: Partial<BotFormValues> = {}): BotFormValues => ({
  name: 'Trend', accountId: 'a1', symbol: 'BTCUSDT', interval: '4h', strategy: 'sma-cross', params: {},
  sizing: { type: 'percent', value: '100' }, replay: { enabled: false, from: '', to: '' },
  risk: emptyRisk, ...over,
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
    expect(botSettingsErrors(values({ risk: { ...emptyRisk, maxSignalAgeSeconds: '0', maxOrderQuote: '-5' } }), false))
      .toEqual({ 'risk.maxSignalAgeSeconds': '1 to 86,400 seconds', 'risk.maxOrderQuote': 'A positive number' });
    expect(botSettingsErrors(values({ risk: {
      ...emptyRisk, maxPositionQuote: 'abc', maxOpenOrders: '1.5', maxDailyLossPct: '101', cooldownCandles: '-1',
    } }), false)).toEqual({
      'risk.maxPositionQuote': 'A positive number', 'risk.maxOpenOrders': 'A whole number from 1 to 1,000',
      'risk.maxDailyLossPct': 'At most 100 %', 'risk.cooldownCandles': 'A whole number from 0 to 10,000',
    });
    expect(botSettingsErrors(values({ risk: { ...emptyRisk, maxDailyLossPct: '2.5', cooldownCandles: '0', maxOpenOrders: '3' } }), false))
      .toEqual({});
    // Editing a bot: account, symbol and replay are not the form's to change.
    expect(botSettingsErrors(values({ accountId: '', symbol: '' }), false)).toEqual({});
  });

  it('sends only the limits and the range that were given', () => {
    expect(toRisk(emptyRisk)).toBeUndefined();
    expect(toRisk({ ...emptyRisk, maxSignalAgeSeconds: ' 60 ', maxOrderQuote: '250.5' })).toEqual({ maxSignalAgeSeconds: 60, maxOrderQuote: '250.5' });
    expect(toRisk({
      maxOrderQuote: '', maxPositionQuote: '1000', maxOpenOrders: '2', maxDailyLossPct: '5', cooldownCandles: '3',
      maxSignalAgeSeconds: '', flattenOnStop: true,
    })).toEqual({ maxPositionQuote: '1000', maxOpenOrders: 2, maxDailyLossPct: '5', cooldownCandles: 3, flattenOnStop: true });
  });

  it('shows a stored bot\'s limits, the missing ones empty', () => {
    expect(riskValuesOf({ maxSignalAgeSeconds: 300, maxOrderQuote: '250', maxOpenOrders: null, flattenOnStop: true }))
      .toEqual({ ...emptyRisk, maxSignalAgeSeconds: '300', maxOrderQuote: '250', flattenOnStop: true });
    expect(riskValuesOf(null)).toEqual(emptyRisk);
    expect(toReplay({ enabled: false, from: '2020-01-01', to: '2021-01-01' })).toBeUndefined();
    expect(toReplay({ enabled: true, from: '2020-01-01', to: '2021-01-01' }))
      .toEqual({ from: '2020-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' });
  });

  it('shows the server\'s replay problem under the start date', () => {
    expect(renameBotField('replay')).toBe('replay.from');
    expect(renameBotField('params.fast')).toBe('params.fast');
  });
  it('finds the strategy a backtest names, a user strategy by the reference the backtest kept', () => {
    const list = [
      { name: 'sma-cross', kind: 'builtin', id: null },
      { name: 'my-ema', kind: 'user', id: '2ecb4aeb-ee88-41f8-a198-c008f0a35e77' },
    ];
    expect(linkedStrategy(list, 'sma-cross')?.name).toBe('sma-cross');
    expect(linkedStrategy(list, 'user:2ECB4AEB-ee88-41f8-a198-c008f0a35e77@2')?.name).toBe('my-ema');
    expect(linkedStrategy(list, 'user:0b7c7f3e-1111-4222-8333-944455556666@1')).toBeUndefined();
    expect(linkedStrategy(list, 'my-ema@2')).toBeUndefined();
    expect(linkedStrategy(list, 'rsi-reversion')).toBeUndefined();
    expect(linkedStrategy(list, undefined)).toBeUndefined();
  });
  it('keeps the version a backtest ran when its bot stays on that strategy', () => {
    const list = [
      { name: 'sma-cross', kind: 'builtin', id: null },
      { name: 'my-ema', kind: 'user', id: '2ecb4aeb-ee88-41f8-a198-c008f0a35e77' },
    ];
    const ran = 'user:2ecb4aeb-ee88-41f8-a198-c008f0a35e77@1';
    expect(strategyToSend(list, 'my-ema', ran)).toBe(ran);
    expect(strategyToSend(list, 'sma-cross', ran)).toBe('sma-cross');
    expect(strategyToSend(list, 'my-ema', undefined)).toBe('my-ema');
    expect(strategyToSend(list, 'sma-cross', 'sma-cross')).toBe('sma-cross');
    expect(strategyToSend(list, 'my-ema', 'user:0b7c7f3e-1111-4222-8333-944455556666@1')).toBe('my-ema');
  });
  it('names the user strategy a bot runs, with its version', () => {
    const list = [{ name: 'my-ema', kind: 'user', id: '2ecb4aeb-ee88-41f8-a198-c008f0a35e77' }];
    expect(strategyLabel(list, 'sma-cross')).toBe('sma-cross');
    expect(strategyLabel(list, 'user:2ecb4aeb-ee88-41f8-a198-c008f0a35e77@3')).toBe('my-ema v3');
    expect(strategyLabel(list, 'user:0b7c7f3e-1111-4222-8333-944455556666@1')).toBe('a deleted strategy (v1)');
  });
});
