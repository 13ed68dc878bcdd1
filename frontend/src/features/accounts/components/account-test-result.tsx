import { Alert, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { formatDecimal } from '@/lib/decimal';
import type { AccountTest } from '../api/test-account';

export function AccountTestResult({ result }: { result: AccountTest }) {
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge color={result.ok ? 'teal.9' : 'red.9'} variant="filled">{result.ok ? 'Connected' : 'Refused'}</Badge>
        {result.canTrade != null && (
          <Badge color={result.canTrade ? 'teal' : 'yellow'} variant="light">{result.canTrade ? 'Can trade' : 'Cannot trade'}</Badge>
        )}
        {result.canWithdraw != null && (
          <Badge color={result.canWithdraw ? 'red' : 'gray'} variant="light">{result.canWithdraw ? 'Can withdraw' : 'No withdrawals'}</Badge>
        )}
      </Group>
      {result.error && (
        <Alert color="red" variant="light" title={`Exchange error${result.error.code != null ? ` ${result.error.code}` : ''}`}>
          {result.error.message}
        </Alert>
      )}
      {(result.warnings ?? []).map((w) => (
        <Alert key={w} color="yellow" variant="light" title="Warning">{w}</Alert>
      ))}
      {result.balances && result.balances.length > 0 && (
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr><Table.Th>Asset</Table.Th><Table.Th className="tb-num">Free</Table.Th><Table.Th className="tb-num">Locked</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.balances.map((b) => (
              <Table.Tr key={b.asset}>
                <Table.Td>{b.asset}</Table.Td>
                <Table.Td className="tb-num">{formatDecimal(b.free)}</Table.Td>
                <Table.Td className="tb-num">{formatDecimal(b.locked)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {result.balances && result.balances.length === 0 && <Text size="sm" c="dimmed">No balances.</Text>}
    </Stack>
  );
}
