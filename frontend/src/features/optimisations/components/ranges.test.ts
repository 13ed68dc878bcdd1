import { describe, expect, it } from 'vitest';
import { paramFields } from '@/lib/strategy-params';
import { countValues, gridSize, initialRange, rangeError, toRequest, type RangeValues } from './ranges';

const [fast, stopLoss, mode] = paramFields([
  { name: 'fast', type: 'integer', min: 1, max: 500, defaultValue: 20, description: '', choices: null },
  { name: 'stopLoss', type: 'number', min: 0.001, max: 0.99, defaultValue: null, description: '', choices: null },
  { name: 'mode', type: 'enum', defaultValue: 'reversion', choices: ['breakout', 'reversion'] },
]);
const range = (r: Partial<RangeValues>): RangeValues => ({ mode: 'range', fixed: '', min: '', max: '', step: '', values: '', ...r });

describe('optimisation ranges', () => {
  it('counts the values of a range exactly, even with steps a float gets wrong', () => {
    expect(countValues(range({ min: '0.1', max: '0.3', step: '0.1' }))).toBe(3);
    expect(countValues(range({ min: '10', max: '50', step: '5' }))).toBe(9);
    expect(countValues(range({ mode: 'values', values: '1, 2,3' }))).toBe(3);
    expect(countValues(range({ min: '5', max: '1', step: '1' }))).toBeNull();
    expect(gridSize({ a: range({ min: '10', max: '50', step: '5' }), b: range({ mode: 'values', values: '1,2' }) })).toBe(18);
  });

  it('starts numeric parameters with a range around their default', () => {
    expect(initialRange(fast!)).toMatchObject({ mode: 'fixed', fixed: '20', min: '10', max: '30', step: '5' });
    expect(initialRange(mode!)).toMatchObject({ values: 'breakout, reversion' });
  });

  it('says what is wrong with a range', () => {
    expect(rangeError(fast!, range({ min: '10', max: '5', step: '1' }))).toBe('Max must not be below min');
    expect(rangeError(fast!, range({ min: '1.5', max: '5', step: '1' }))).toBe('Whole min and step for a whole-number parameter');
    expect(rangeError(stopLoss!, range({ min: '0.01', max: '0.1', step: '0' }))).toBe('Step must be above 0');
    expect(rangeError(mode!, range({ mode: 'values', values: 'breakout, sideways' }))).toBe('sideways is not one of breakout, reversion');
    expect(rangeError(stopLoss!, range({ min: '0.01', max: '0.1', step: '0.01' }))).toBeNull();
  });

  it('sends fixed values as params and the rest as ranges', () => {
    const request = toRequest([fast!, stopLoss!, mode!], {
      fast: range({ min: '10', max: '30', step: '5' }),
      stopLoss: range({ mode: 'fixed', fixed: '' }),
      mode: range({ mode: 'values', values: 'breakout' }),
    });
    expect(request).toEqual({ params: {}, ranges: { fast: { min: '10', max: '30', step: '5' }, mode: { values: ['breakout'] } } });
  });
});
