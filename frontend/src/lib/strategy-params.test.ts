import { describe, expect, it } from 'vitest';
import { StrategySchema } from '@/api/list-strategies';
import { initialParamValues, labelOf, paramFields, paramLabels, toRequestParams, validateParam } from './strategy-params';

// The shapes GET /api/strategies answers (sma-cross and bollinger, shortened).
const smaCross = [
  { name: 'fast', type: 'integer', min: 1, max: 500, defaultValue: 20, description: 'Period of the fast SMA.', choices: null },
  { name: 'stopLoss', type: 'number', min: 0.001, max: 0.99, defaultValue: null, description: 'Optional stop-loss.', choices: null },
];
const bollinger = [
  { name: 'k', type: 'number', min: 0.1, max: 10, defaultValue: 2.0, description: 'Band width.', choices: null },
  { name: 'mode', type: 'enum', min: null, max: null, defaultValue: 'reversion', description: 'Entry style.', choices: ['breakout', 'reversion'] },
];

describe('form generated from a parameter schema', () => {
  it('makes one field per parameter with its kind, bounds, default and description', () => {
    const fields = paramFields(smaCross);
    expect(fields).toEqual([
      { kind: 'integer', name: 'fast', label: 'Fast', description: 'Period of the fast SMA.', required: true,
        initial: '20', min: 1, max: 500, step: 1 },
      { kind: 'number', name: 'stopLoss', label: 'Stop loss', description: 'Optional stop-loss.', required: false,
        initial: '', min: 0.001, max: 0.99, step: 0.01 },
    ]);
    expect(initialParamValues(fields)).toEqual({ fast: '20', stopLoss: '' });
  });

  it('makes a choice field of an enum', () => {
    const [k, mode] = paramFields(bollinger);
    expect(k).toMatchObject({ kind: 'number', initial: '2', required: true });
    expect(mode).toMatchObject({ kind: 'choice', choices: ['breakout', 'reversion'], initial: 'reversion' });
  });

  it('checks types and bounds before sending', () => {
    const [fast, stopLoss] = paramFields(smaCross);
    expect(validateParam(fast!, '')).toBe('Required');
    expect(validateParam(fast!, '2.5')).toBe('Must be a whole number');
    expect(validateParam(fast!, '0')).toBe('Must be at least 1');
    expect(validateParam(fast!, '501')).toBe('Must be at most 500');
    expect(validateParam(fast!, '50')).toBeNull();
    expect(validateParam(stopLoss!, '')).toBeNull();
    expect(validateParam(stopLoss!, 'abc')).toBe('Must be a number');
    expect(validateParam(stopLoss!, '0.0005')).toBe('Must be at least 0.001');
    const [, mode] = paramFields(bollinger);
    expect(validateParam(mode!, 'sideways')).toBe('Must be one of breakout, reversion');
  });

  it('sends typed values and leaves out empty optional ones', () => {
    const fields = paramFields([...smaCross, ...bollinger]);
    expect(toRequestParams(fields, { fast: ' 12 ', stopLoss: '', k: '2.5', mode: 'breakout' }))
      .toEqual({ fast: 12, k: 2.5, mode: 'breakout' });
  });

  it('labels camelCase names as words', () => {
    expect(labelOf('amountPerLevel')).toBe('Amount per level');
  });

  it("shows the server's label of each parameter, never a short name read as a word", () => {
    // README's rule example as GET /api/strategies lists it, and a built-in's slow period
    const strategy = StrategySchema.parse({
      name: 'ema-rsi', kind: 'user', id: '0b7c7f3e-1111-4222-8333-944455556666', version: 1,
      reference: 'user:0b7c7f3e-1111-4222-8333-944455556666@1', description: 'Your strategy, version 1.',
      parameters: [
        { name: 'sl', label: 'Stop loss', type: 'number', min: 0.005, max: 0.5, defaultValue: 0.05,
          description: 'Number parameter of the strategy\'s rules.', choices: null },
        { name: 'slow', label: 'Slow period', type: 'integer', min: 2, max: 1000, defaultValue: 50,
          description: 'Period of the slow SMA.', choices: null },
      ],
    });
    expect(paramFields(strategy.parameters).map((f) => f.label)).toEqual(['Stop loss', 'Slow period']);
    // a server without labels: the name, read as words
    expect(paramFields([{ ...smaCross[1]!, label: null }])[0]!.label).toBe('Stop loss');
  });
});

describe('labels of the parameters a run kept', () => {
  const own = '0b7c7f3e-1111-4222-8333-944455556666';
  const strategies = [
    StrategySchema.parse({ name: 'sma-cross', kind: 'builtin', reference: 'sma-cross', parameters: [
      { name: 'fast', label: 'Fast period', type: 'integer', defaultValue: 20 },
      { name: 'stopLoss', label: 'Stop loss', type: 'number', defaultValue: null },
    ] }),
    StrategySchema.parse({ name: 'ema-rsi', kind: 'user', id: own, version: 3, reference: `user:${own}@3`, parameters: [
      { name: 'sl', label: 'Stop loss', type: 'number', defaultValue: 0.05 },
      { name: 'slow', label: 'Slow period', type: 'integer', defaultValue: 50 },
    ] }),
  ];

  it("are the listed strategy's of the same reference, a built-in's or an own strategy's", () => {
    expect(paramLabels(strategies, 'sma-cross')).toEqual({ fast: 'Fast period', stopLoss: 'Stop loss' });
    expect(paramLabels(strategies, `user:${own}@3`)).toEqual({ sl: 'Stop loss', slow: 'Slow period' });
  });

  it('are the current version\'s for a run of an earlier version of an own strategy', () => {
    expect(paramLabels(strategies, `user:${own}@1`)).toEqual({ sl: 'Stop loss', slow: 'Slow period' });
  });

  it('are none for a strategy not listed, or before the list is read', () => {
    expect(paramLabels(strategies, 'user:9e9e9e9e-1111-4222-8333-944455556666@1')).toEqual({});
    expect(paramLabels(strategies, 'rsi')).toEqual({});
    expect(paramLabels(undefined, 'sma-cross')).toEqual({});
  });
});
