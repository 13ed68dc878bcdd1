import { Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useId } from 'react';

type InputProps = { value?: unknown; onChange: (v: unknown) => void; error?: React.ReactNode };

/** How much each buy spends: a % of equity or a fixed quote amount (backtests, optimisations and bots ask alike). */
export function SizingField({ type, onType, valueProps, per }: {
  type: 'fixed' | 'percent';
  onType: (type: 'fixed' | 'percent') => void;
  valueProps: InputProps;
  /** What one sizing is for, in the input's name: "entry", "buy". */
  per: string;
}) {
  const label = useId();
  const percent = type === 'percent';
  return (
    <Stack gap={4}>
      <Group gap="xs" justify="space-between">
        <Text size="sm" fw={500} id={label}>Position size</Text>
        <SegmentedControl size="xs" aria-labelledby={label}
          data={[{ value: 'percent', label: '% of equity' }, { value: 'fixed', label: 'Fixed' }]}
          value={type} onChange={(v) => onType(v as 'fixed' | 'percent')} />
      </Group>
      <TextInput aria-label={percent ? `Percent of equity per ${per}` : `Quote amount per ${per}`} inputMode="decimal"
        rightSection={<Text size="xs" c="dimmed">{percent ? '%' : 'quote'}</Text>}
        value={typeof valueProps.value === 'string' ? valueProps.value : ''}
        onChange={(e) => valueProps.onChange(e.currentTarget.value)} error={valueProps.error} />
    </Stack>
  );
}
