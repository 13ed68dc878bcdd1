import { Select, Text } from '@mantine/core';
import type { Strategy } from '@/api/list-strategies';

export function StrategyPicker({ strategies, value, onChange, error }: {
  strategies: Strategy[]; value: string; onChange: (name: string) => void; error?: React.ReactNode;
}) {
  const picked = strategies.find((s) => s.name === value);
  return (
    <div>
      <Select label="Strategy" required data={strategies.map((s) => s.name)} value={value || null} allowDeselect={false}
        onChange={(v) => v && onChange(v)} error={error} maw={320} />
      {picked?.description && <Text size="sm" c="dimmed" mt={6}>{picked.description}</Text>}
    </div>
  );
}
