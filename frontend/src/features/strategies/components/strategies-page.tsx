import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ownStrategyId, ownStrategyVersion, useStrategies } from '@/api/list-strategies';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';

/** The user's own strategies (to edit) beside the built-ins (to run). */
export default function StrategiesPage() {
  const strategies = useStrategies();
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>Strategies</Title>
          <Text size="sm" c="dimmed">Write your own as rules; backtest, optimise and trade them like the built-ins.</Text>
        </div>
        <Button component={Link} to="/strategies/new">New strategy</Button>
      </Group>
      {strategies.isPending ? <PageLoader /> : strategies.isError ? (
        <QueryError what="the strategies" error={strategies.error} onRetry={() => strategies.refetch()} />
      ) : (
        <>
          <Card withBorder>
            <Stack gap="sm">
              <Title order={3} size="h4">Yours</Title>
              {strategies.data.every((s) => ownStrategyId(s) === null) ? (
                <Text size="sm" c="dimmed">
                  None yet. <Anchor component={Link} to="/strategies/new">Write one</Anchor>: it starts from an example that compiles.
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={420}>
                  <Table verticalSpacing="xs" aria-label="Your strategies">
                    <Table.Thead>
                      <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Version</Table.Th><Table.Th>Parameters</Table.Th><Table.Th /></Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {strategies.data.filter((s) => ownStrategyId(s) !== null).map((s) => (
                        <Table.Tr key={s.name}>
                          <Table.Td><Anchor component={Link} to={`/strategies/${ownStrategyId(s)}`} fw={500}>{s.name}</Anchor></Table.Td>
                          <Table.Td>{ownStrategyVersion(s) ?? '—'}</Table.Td>
                          <Table.Td ff="monospace" fz="sm">{s.parameters.map((p) => p.name).join(', ') || '—'}</Table.Td>
                          <Table.Td>
                            <Anchor component={Link} to={`/backtests/new?strategy=${encodeURIComponent(s.name)}`} size="sm">Backtest</Anchor>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Stack>
          </Card>
          <Card withBorder>
            <Stack gap="sm">
              <Title order={3} size="h4">Built-in</Title>
              <Table.ScrollContainer minWidth={420}>
                <Table verticalSpacing="xs" aria-label="Built-in strategies">
                  <Table.Tbody>
                    {strategies.data.filter((s) => ownStrategyId(s) === null).map((s) => (
                      <Table.Tr key={s.name}>
                        <Table.Td><Badge variant="light" color="gray" tt="none">{s.name}</Badge></Table.Td>
                        <Table.Td><Text size="sm" c="dimmed">{s.description}</Text></Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/backtests/new?strategy=${encodeURIComponent(s.name)}`} size="sm">Backtest</Anchor>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
