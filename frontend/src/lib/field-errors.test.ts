import { describe, expect, it } from 'vitest';
import { ApiError, describeError } from './api-error';
import { formErrorsOf, hasPath, mapFieldErrors } from './field-errors';

describe('problem+json field errors', () => {
  const problem = {
    type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The request has invalid fields.',
    errors: [
      { field: 'apiKey', message: 'must contain only letters and digits' },
      { field: 'apiKey', message: 'size must be between 16 and 128' },
      { field: 'sizing.value', message: 'must be greater than 0' },
      { field: 'line 3', message: 'high is below low' },
    ],
  };

  it('puts each error next to the field it names, joining messages of one field', () => {
    const error = ApiError.fromProblem(400, problem);
    const { fields, other } = formErrorsOf(error, { apiKey: 'a b', sizing: { type: 'fixed', value: '0' } });
    expect(fields).toEqual({
      apiKey: 'must contain only letters and digits; size must be between 16 and 128',
      'sizing.value': 'must be greater than 0',
    });
    expect(other).toEqual(['line 3: high is below low']);
  });

  it('renames server fields to form paths', () => {
    const { fields } = mapFieldErrors([{ field: 'fast', message: 'must be less than slow' }],
      (p) => p === 'params.fast', (f) => `params.${f}`);
    expect(fields).toEqual({ 'params.fast': 'must be less than slow' });
  });

  it('walks nested paths', () => {
    expect(hasPath({ a: { b: '' } }, 'a.b')).toBe(true);
    expect(hasPath({ a: { b: '' } }, 'a.c')).toBe(false);
    expect(hasPath({ a: null }, 'a.b')).toBe(false);
  });

  it('a body that is not a problem still gives a clear error', () => {
    const error = ApiError.fromProblem(502, '<html>bad gateway</html>');
    expect(error.retryable).toBe(true);
    expect(describeError(error)).toBe('The server failed (502). Nothing was changed by the failed request; try again.');
    expect(formErrorsOf(error, {})).toEqual({ fields: {}, other: [] });
  });

  it('a request with no answer is a network error worth retrying', () => {
    const error = ApiError.network(new TypeError('Failed to fetch'));
    expect(error.isNetwork).toBe(true);
    expect(error.retryable).toBe(true);
    expect(describeError(error)).toMatch(/could not be reached/);
  });
});
