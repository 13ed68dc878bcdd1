import { Stack, Text } from '@mantine/core';
import type { Strategy } from '@/api/list-strategies';
import type { ParamField } from '@/lib/strategy-params';
import { StrategyParamsFields } from './strategy-params-fields';
import { StrategyPicker } from './strategy-picker';

type InputProps = Parameters<typeof StrategyParamsFields>[0]['inputProps'];

/** A strategy and the inputs of its parameters, generated from its schema: what backtests and bots both ask for. */
export function StrategyFields({ strategies, value, error, onPick, fields, inputProps }: {
  strategies: Strategy[];
  value: string;
  error?: React.ReactNode;
  onPick: (name: string) => void;
  fields: readonly ParamField[];
  inputProps: InputProps;
}) {
  return (
    <Stack gap="sm">
      <StrategyPicker strategies={strategies} value={value} error={error} onChange={onPick} />
      <Text fw={600} size="sm" mt="xs">Parameters</Text>
      <StrategyParamsFields fields={fields} inputProps={inputProps} />
    </Stack>
  );
}
