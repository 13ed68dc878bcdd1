import { Group, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ParamField } from '@/lib/strategy-params';
import { countValues, type RangeMode, type RangeValues } from './ranges';

type WithRanges = { ranges: Record<string, RangeValues> };

/** One row per parameter: keep it fixed, sweep min..max by step, or list values. */
export function RangesEditor<T extends WithRanges>({ fields, form }: { fields: readonly ParamField[]; form: UseFormReturnType<T> }) {
  const f = form as unknown as UseFormReturnType<WithRanges>;
  return (
    <Table verticalSpacing="xs" fz="sm">
      <Table.Thead>
        <Table.Tr><Table.Th>Parameter</Table.Th><Table.Th>Search</Table.Th><Table.Th>Values</Table.Th><Table.Th className="tb-num">Count</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((field) => {
          const r = f.values.ranges[field.name];
          if (!r) return null;
          const path = `ranges.${field.name}`;
          const numeric = field.kind === 'integer' || field.kind === 'number';
          const modes = numeric ? ['fixed', 'range', 'values'] : ['fixed', 'values'];
          const rowError = f.errors[path];
          return (
            <Table.Tr key={field.name}>
              <Table.Td>
                <Text size="sm" fw={500}>{field.label}</Text>
                <Text size="xs" c="dimmed" maw={260}>{field.description}</Text>
              </Table.Td>
              <Table.Td>
                <SegmentedControl size="xs" data={modes} value={r.mode} aria-label={`How to search ${field.label}`}
                  onChange={(v) => f.setFieldValue(`${path}.mode`, v as RangeMode)} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  {r.mode === 'fixed' && (
                    <TextInput size="xs" aria-label={`${field.label} value`} placeholder={field.required ? '' : 'default / unset'}
                      {...f.getInputProps(`${path}.fixed`)} w={140} />
                  )}
                  {r.mode === 'range' && (
                    <>
                      <TextInput size="xs" w={90} aria-label={`${field.label} min`} placeholder="min" {...f.getInputProps(`${path}.min`)} />
                      <TextInput size="xs" w={90} aria-label={`${field.label} max`} placeholder="max" {...f.getInputProps(`${path}.max`)} />
                      <TextInput size="xs" w={90} aria-label={`${field.label} step`} placeholder="step" {...f.getInputProps(`${path}.step`)} />
                    </>
                  )}
                  {r.mode === 'values' && (
                    <TextInput size="xs" w={290} aria-label={`${field.label} values`} placeholder="comma separated"
                      {...f.getInputProps(`${path}.values`)} />
                  )}
                </Group>
                {rowError && <Text size="xs" c="red.4" mt={4}>{rowError}</Text>}
              </Table.Td>
              <Table.Td className="tb-num">{countValues(r) ?? '—'}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
