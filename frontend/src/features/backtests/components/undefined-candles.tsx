import { Alert, List, Text } from '@mantine/core';
import { formatDateTime } from '@/lib/format';
import type { UndefinedCandle } from '../api/get-backtest';

/** As a bot's UNDEFINED event says it: which rule, which expression (where in the source) and why. */
export function describeUndefined(candle: UndefinedCandle): string {
  return `${candle.rule} is undefined: ${candle.expression} (line ${candle.line}, column ${candle.column}) ${candle.reason}`;
}

/** How many candles the strategy could not decide on (nothing traded there), and the first few with why. */
export function UndefinedCandles({ count, first }: { count: number; first: UndefinedCandle[] }) {
  if (count <= 0) return null;
  return (
    <Alert color="yellow" title={`${count.toLocaleString('en')} candle${count === 1 ? '' : 's'} where the strategy's rule was undefined`}>
      <Text size="sm" mb={first.length > 0 ? 6 : 0}>Nothing was traded on {count === 1 ? 'it' : 'them'}.{first.length > 0 && count > first.length ? ` The first ${first.length}:` : ''}</Text>
      {first.length > 0 && (
        <List size="sm" spacing={2}>
          {first.map((c) => (
            <List.Item key={c.time}><Text span size="sm" c="dimmed">{formatDateTime(c.time)}</Text> {describeUndefined(c)}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
