import { describe, expect, it } from 'vitest';
import { ownStrategyId, ownStrategyVersion, type Strategy } from './list-strategies';

const strategy = (name: string, description: string): Strategy => ({ name, description, parameters: [] });

describe('the strategies list', () => {
  it('tells the user\'s own strategies (id and version from the description) from the built-ins', () => {
    const own = strategy('my-ema', 'Your strategy (user:0B7C7F3E-1111-4222-8333-944455556666), version 12.');
    expect(ownStrategyId(own)).toBe('0b7c7f3e-1111-4222-8333-944455556666');
    expect(ownStrategyVersion(own)).toBe(12);
    const builtIn = strategy('sma-cross', 'Trend following: version 2 of nothing');
    expect(ownStrategyId(builtIn)).toBeNull();
    expect(ownStrategyVersion(builtIn)).toBeNull();
  });
});
