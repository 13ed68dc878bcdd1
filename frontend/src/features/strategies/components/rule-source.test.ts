import { describe, expect, it } from 'vitest';
import { errorLines, EXAMPLE_SOURCE, highlight, nameError, offsetOf, parseRuleError } from './rule-source';

describe('the rule editor', () => {
  it('colours the source without changing a character of it', () => {
    const segments = highlight(EXAMPLE_SOURCE);
    expect(segments.map((s) => s.text).join('')).toBe(EXAMPLE_SOURCE);
    const kinds = (text: string) => segments.filter((s) => s.text === text).map((s) => s.kind);
    expect(kinds('# ema crossover filtered by RSI')).toEqual(['comment']);
    expect(kinds('entry')).toEqual(['section']);
    expect(kinds('stopLoss')).toEqual(['section']);
    expect(kinds('ema')).toEqual(['function', 'function', 'function', 'function']);
    expect(kinds('crosses')).toEqual(['keyword', 'keyword']);
    expect(kinds('close')).toEqual(['candle', 'candle', 'candle', 'candle', 'candle']);
    expect(kinds('fast')[0]).toBe('name');
    expect(kinds('0.005')).toEqual(['number']);
    expect(highlight('macd(close, 12, 26, 9).signal > 0').find((s) => s.text === 'signal')?.kind).toBe('field');
    // "exit" as a parameter's name is not a section: only a section name followed by ':' is.
    expect(highlight('param exit2: integer [1, 2] = 1').find((s) => s.text === 'exit2')?.kind).toBe('name');
  });

  it('finds a line and column as the compiler counts them (1-based, lines split at \\n)', () => {
    const source = 'ab\ncdef\n\nxyz';
    expect(offsetOf(source, 1, 1)).toBe(0);
    expect(offsetOf(source, 2, 3)).toBe(5);
    expect(source[offsetOf(source, 2, 3)]).toBe('e');
    expect(offsetOf(source, 4, 2)).toBe(10);
    expect(source[offsetOf(source, 4, 2)]).toBe('y');
    expect(offsetOf(source, 2, 99)).toBe(7); // past the line's end: its end
    expect(offsetOf(source, 9, 1)).toBe(source.length);
  });

  it('marks the word an error points at, and only it', () => {
    const source = 'entry: smaa(close, 3) > 1\nexit: close < 1';
    const segments = highlight(source, [{ line: 1, column: 8, message: "unknown function 'smaa'" }]);
    expect(segments.filter((s) => s.error).map((s) => s.text)).toEqual(['smaa']);
    expect(segments.map((s) => s.text).join('')).toBe(source);
    // At the very end (a missing section): nothing to underline, nothing lost.
    const end = highlight('entry: close > 1', [{ line: 1, column: 17, message: "the strategy needs an 'exit:' section" }]);
    expect(end.map((s) => s.text).join('')).toBe('entry: close > 1');
    // In the middle of a token (a number the error points inside of): the mark starts there.
    expect(highlight('entry: close > 12345', [{ line: 1, column: 18, message: 'x' }]).filter((s) => s.error).map((s) => s.text))
      .toEqual(['345']);
    expect([...errorLines([{ line: 3, column: 1, message: 'a' }, { line: 3, column: 4, message: 'b' }])]).toEqual([3]);
  });

  it('reads back the errors a save answers with on the source field', () => {
    expect(parseRuleError("line 2, column 15: unknown function 'smaa'; the functions are atr, bb"))
      .toEqual({ line: 2, column: 15, message: "unknown function 'smaa'; the functions are atr, bb" });
    expect(parseRuleError('must be at most 10000 characters')).toBeNull();
  });

  it('checks the name as the server does', () => {
    expect(nameError('my-ema-2', ['sma-cross'])).toBeNull();
    expect(nameError(' ', [])).toBe('Give the strategy a name');
    expect(nameError('My Strategy', [])).toBe('Lower-case letters, digits and dashes, starting with a letter or digit');
    expect(nameError('-x', [])).toBe('Lower-case letters, digits and dashes, starting with a letter or digit');
    expect(nameError('a'.repeat(41), [])).toBe('At most 40 characters');
    expect(nameError('sma-cross', ['sma-cross'])).toBe('That is the name of a built-in strategy; pick another');
  });
});
