import { Anchor, Select, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ownStrategyId, ownStrategyVersion, type Strategy } from '@/api/list-strategies';

/** The strategy of a run: the built-ins and, in their own group, the user's strategies (with a link to edit them). */
export function StrategyPicker({ strategies, value, onChange, error }: {
  strategies: Strategy[]; value: string; onChange: (name: string) => void; error?: React.ReactNode;
}) {
  const picked = strategies.find((s) => s.name === value);
  const own = strategies.filter((s) => ownStrategyId(s) !== null).map((s) => s.name);
  const builtIn = strategies.filter((s) => ownStrategyId(s) === null).map((s) => s.name);
  const data = own.length === 0 ? builtIn : [{ group: 'Built-in', items: builtIn }, { group: 'Yours', items: own }];
  const pickedId = picked ? ownStrategyId(picked) : null;
  const version = picked ? ownStrategyVersion(picked) : null;
  return (
    <div>
      <Select label="Strategy" required data={data} value={value || null} allowDeselect={false}
        onChange={(v) => v && onChange(v)} error={error} maw={320} />
      {pickedId ? (
        <Text size="sm" c="dimmed" mt={6}>
          Your strategy{version !== null ? `, version ${version}` : ''}
          {' '}(the run keeps this version). <Anchor component={Link} to={`/strategies/${pickedId}`} size="sm">Edit its rules</Anchor>
        </Text>
      ) : picked?.description && <Text size="sm" c="dimmed" mt={6}>{picked.description}</Text>}
    </div>
  );
}
