import type { RuleError } from '../api/validate-strategy';

/** What a new strategy starts from: the README's example, which compiles. */
export const EXAMPLE_SOURCE = `# ema crossover filtered by RSI
param fast: integer [2, 100] = 12
param slow: integer [3, 400] = 26
param sl: number [0.005, 0.5] = 0.05
entry: ema(close, fast) crosses above ema(close, slow) and rsi(close, 14) < 70
exit:  ema(close, fast) crosses below ema(close, slow)
stopLoss: sl
`;

export const MAX_SOURCE = 10_000;

const SECTIONS = new Set(['entry', 'exit', 'stopLoss', 'takeProfit', 'trailingStop']);
const KEYWORDS = new Set(['param', 'integer', 'number', 'and', 'or', 'not', 'crosses', 'above', 'below']);
const FUNCTIONS = new Set(['sma', 'ema', 'wma', 'rsi', 'macd', 'bb', 'atr', 'stoch', 'vwap', 'donchian']);
const CANDLE = new Set(['open', 'high', 'low', 'close', 'volume']);

export type TokenKind = 'section' | 'keyword' | 'function' | 'candle' | 'field' | 'number' | 'comment' | 'name' | 'plain';
export type Segment = { text: string; kind: TokenKind; error: boolean };

/**
 * The source cut into coloured pieces, as the editor draws it under the text being typed. The
 * pieces join back into the source exactly; a piece that holds an error's position is marked.
 */
export function highlight(source: string, errors: readonly RuleError[] = []): Segment[] {
  const marks = errorRanges(source, errors);
  const out: Segment[] = [];
  const push = (text: string, kind: TokenKind, start: number) => {
    // Split a token where an error's range starts or ends, so exactly that range is marked.
    let from = 0;
    const cuts = new Set<number>([0, text.length]);
    for (const [a, b] of marks) {
      if (a > start && a < start + text.length) cuts.add(a - start);
      if (b > start && b < start + text.length) cuts.add(b - start);
    }
    const sorted = [...cuts].sort((x, y) => x - y);
    for (let i = 1; i < sorted.length; i += 1) {
      const to = sorted[i]!;
      from = sorted[i - 1]!;
      const at = start + from;
      out.push({ text: text.slice(from, to), kind, error: marks.some(([a, b]) => at >= a && at < b) });
    }
  };
  const pattern = /(#[^\n]*)|([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?|\.\d+)|(\s+)|([\s\S])/g;
  let previous = '';
  for (let m = pattern.exec(source); m !== null; m = pattern.exec(source)) {
    const [text] = m;
    const start = m.index;
    if (m[1]) push(text, 'comment', start);
    else if (m[2]) {
      const kind: TokenKind = previous === '.' ? 'field'
        : SECTIONS.has(text) && /^\s*:/.test(source.slice(start + text.length)) ? 'section'
          : KEYWORDS.has(text) ? 'keyword' : FUNCTIONS.has(text) ? 'function' : CANDLE.has(text) ? 'candle' : 'name';
      push(text, kind, start);
    } else if (m[3]) push(text, 'number', start);
    else push(text, 'plain', start);
    if (!m[4]) previous = text;
  }
  return out;
}

/** The offset in the source of a 1-based line and column, as the compiler counts them; clamped to the source. */
export function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  const end = source.indexOf('\n', offset);
  const lineEnd = end < 0 ? source.length : end;
  return Math.min(offset + Math.max(column, 1) - 1, lineEnd);
}

/** For each error, the characters to mark: the word or symbol at its position, or one place at the end of a line. */
export function errorRanges(source: string, errors: readonly RuleError[]): [number, number][] {
  return errors.map((e) => {
    const start = offsetOf(source, e.line, e.column);
    const word = /^[A-Za-z0-9_.]+/.exec(source.slice(start));
    const length = word ? word[0].length : start < source.length && source[start] !== '\n' ? 1 : 0;
    return [start, start + length];
  });
}

/** "line 2, column 15: unknown function 'smaa'" (a save's 400 names the source this way) back to its parts. */
export function parseRuleError(message: string): RuleError | null {
  const m = /^line (\d+), column (\d+): ([\s\S]*)$/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]), message: m[3]! } : null;
}

/** The lines that hold an error, for the gutter. */
export function errorLines(errors: readonly RuleError[]): Set<number> {
  return new Set(errors.map((e) => e.line));
}

/** The checks the server makes on a strategy's name; `builtIns` are names no user strategy may take. */
export function nameError(name: string, builtIns: readonly string[]): string | null {
  const n = name.trim();
  if (n === '') return 'Give the strategy a name';
  if (n.length > 40) return 'At most 40 characters';
  if (!/^[a-z0-9][a-z0-9-]*$/.test(n)) return 'Lower-case letters, digits and dashes, starting with a letter or digit';
  if (builtIns.includes(n)) return 'That is the name of a built-in strategy; pick another';
  return null;
}
