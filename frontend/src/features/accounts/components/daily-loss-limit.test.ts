import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { formErrorsOf } from '@/lib/field-errors';
import { dailyLossLimitBody, dailyLossLimitError, describeDailyLossLimit } from './daily-loss-limit';

describe('the daily loss limit field', () => {
  it('takes a positive decimal and refuses the rest before sending', () => {
    expect(dailyLossLimitError('250')).toBeNull();
    expect(dailyLossLimitError(' 12.5 ')).toBeNull();
    expect(dailyLossLimitError('0.00000001')).toBeNull();
    expect(dailyLossLimitError('')).toBe('Enter an amount, or press Remove limit');
    expect(dailyLossLimitError('1,000')).toBe('Digits and one decimal point only, like 250 or 12.5');
    expect(dailyLossLimitError('1 000')).toBe('Digits and one decimal point only, like 250 or 12.5');
    expect(dailyLossLimitError('-5')).toBe('A positive amount, like 250 or 12.5');
    expect(dailyLossLimitError('1e3')).toBe('A positive amount, like 250 or 12.5');
    expect(dailyLossLimitError('12.')).toBe('A positive amount, like 250 or 12.5');
    expect(dailyLossLimitError('0')).toBe('More than 0 (Remove limit takes the limit away)');
    expect(dailyLossLimitError('0.000')).toBe('More than 0 (Remove limit takes the limit away)');
  });

  it('sends the typed amount exactly, never through a float', () => {
    expect(dailyLossLimitBody(' 0.1 ')).toBe('0.1');
    expect(dailyLossLimitBody('12345678901.123456789')).toBe('12345678901.123456789');
  });

  it('reads the stored limit back, zero or absent as none', () => {
    expect(describeDailyLossLimit(null)).toBe('none');
    expect(describeDailyLossLimit(undefined)).toBe('none');
    expect(describeDailyLossLimit('0')).toBe('none');
    expect(describeDailyLossLimit('250.00')).toBe('250 a day');
    expect(describeDailyLossLimit('0.5')).toBe('0.5 a day');
  });

  it('puts the server\'s refusal on the field', () => {
    const error = ApiError.fromProblem(400, {
      type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The request body is invalid.',
      errors: [{ field: 'dailyLossLimitQuote', message: 'must be less than or equal to 1000000000000' }],
    });
    expect(formErrorsOf(error, { dailyLossLimitQuote: '5000000000000' })).toEqual({
      fields: { dailyLossLimitQuote: 'must be less than or equal to 1000000000000' }, other: [],
    });
  });
});
