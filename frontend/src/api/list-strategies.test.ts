import { describe, expect, it } from 'vitest';
import { ownStrategyId, ownStrategyVersion, StrategySchema, type Strategy } from './list-strategies';

describe('the strategies list', () => {
  it('tells the user\'s own strategies (id and version from their fields) from the built-ins', () => {
    const own: Strategy = StrategySchema.parse({
      name: 'my-ema', kind: 'user', id: '0b7c7f3e-1111-4222-8333-944455556666', version: 12,
      reference: 'user:0b7c7f3e-1111-4222-8333-944455556666@12', description: 'Your strategy, version 12.', parameters: [],
    });
    expect(ownStrategyId(own)).toBe('0b7c7f3e-1111-4222-8333-944455556666');
    expect(ownStrategyVersion(own)).toBe(12);
    // a description is text for people, never parsed: a built-in that mentions an id stays a built-in
    const builtIn: Strategy = StrategySchema.parse({
      name: 'sma-cross', kind: 'builtin', id: null, version: null, reference: 'sma-cross',
      description: 'Your strategy (user:0b7c7f3e-1111-4222-8333-944455556666), version 2.', parameters: [],
    });
    expect(ownStrategyId(builtIn)).toBeNull();
    expect(ownStrategyVersion(builtIn)).toBeNull();
  });

  it('refuses an entry without its kind or reference', () => {
    expect(StrategySchema.safeParse({ name: 'x', description: 'Your strategy (user:0b7c7f3e-1111-4222-8333-944455556666)', parameters: [] }).success)
      .toBe(false);
  });
});
