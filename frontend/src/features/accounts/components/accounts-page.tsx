import { Badge, Button, Card, Group, Menu, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { describeError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { useDeleteAccount } from '../api/delete-account';
import { useAccounts, type Account } from '@/api/list-accounts';
import { useTestAccount, type AccountTest } from '../api/test-account';
import { AccountTestResult } from './account-test-result';
import { CreateAccountForm } from './create-account-form';
import { DailyLossLimitForm } from './daily-loss-limit-form';
import { describeDailyLossLimit } from './daily-loss-limit';
import { EditAccountForm } from './edit-account-form';

type Dialog =
  | { type: 'create' }
  | { type: 'rename' | 'keys' | 'delete' | 'limit'; account: Account }
  | { type: 'test'; account: Account; result: AccountTest };

const kindLabel: Record<Account['kind'], string> = { paper: 'Paper', binance: 'Binance', 'binance-testnet': 'Binance testnet' };

export default function AccountsPage() {
  const accounts = useAccounts();
  const remove = useDeleteAccount();
  const test = useTestAccount();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  const runTest = async (account: Account) => {
    try {
      const result = await test.mutateAsync(account.id);
      setDialog({ type: 'test', account, result });
    } catch (e) {
      notifications.show({ color: 'red', title: `Could not test ${account.name}`, message: describeError(e) });
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>Accounts</Title>
          <Text c="dimmed" size="sm">Paper accounts trade against live prices with a simulated ledger; Binance accounts trade for real.</Text>
        </div>
        <Button onClick={() => setDialog({ type: 'create' })}>New account</Button>
      </Group>

      {accounts.isPending ? <PageLoader /> : accounts.isError ? (
        <QueryError what="your accounts" error={accounts.error} onRetry={() => accounts.refetch()} />
      ) : accounts.data.length === 0 ? (
        <Card withBorder p="xl">
          <Stack align="center" gap="xs">
            <Text fw={500}>No accounts yet</Text>
            <Text size="sm" c="dimmed">Start with a paper account: it needs no keys.</Text>
            <Button mt="xs" onClick={() => setDialog({ type: 'create' })}>Create a paper account</Button>
          </Stack>
        </Card>
      ) : (
        <>
        {/* A phone gets one card per account: a table this wide would hide its buttons off the screen. */}
        <Stack gap="xs" hiddenFrom="sm" role="list" aria-label="Your accounts">
          {accounts.data.map((a) => (
            <Card key={a.id} withBorder p="sm" role="listitem">
              <Stack gap={6}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text fw={600} truncate>{a.name}</Text>
                  <Badge variant="light" color={a.kind === 'paper' ? 'blue' : a.kind === 'binance' ? 'yellow' : 'grape'}>{kindLabel[a.kind]}</Badge>
                </Group>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" c="dimmed">Daily loss limit</Text>
                  <LimitButton account={a} onClick={() => setDialog({ type: 'limit', account: a })} />
                </Group>
                {a.apiKeyHint && <Text size="sm" c="dimmed">API key <Text span ff="monospace" inherit>••••{a.apiKeyHint}</Text></Text>}
                <Group justify="space-between" gap="xs">
                  <Text size="xs" c="dimmed">Created {formatDateTime(a.createdAt)}</Text>
                  <AccountActions account={a} testing={test.isPending && test.variables === a.id} onTest={() => runTest(a)}
                    onDialog={(type) => setDialog({ type, account: a })} />
                </Group>
              </Stack>
            </Card>
          ))}
        </Stack>
        <Card withBorder p={0} visibleFrom="sm">
          <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" className="tb-nowrap">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th><Table.Th>Kind</Table.Th><Table.Th>API key</Table.Th><Table.Th>Daily loss limit</Table.Th><Table.Th>Created</Table.Th>
                <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {accounts.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td fw={500}>{a.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={a.kind === 'paper' ? 'blue' : a.kind === 'binance' ? 'yellow' : 'grape'}>{kindLabel[a.kind]}</Badge>
                  </Table.Td>
                  <Table.Td ff="monospace">{a.apiKeyHint ? `••••${a.apiKeyHint}` : '—'}</Table.Td>
                  <Table.Td><LimitButton account={a} onClick={() => setDialog({ type: 'limit', account: a })} /></Table.Td>
                  <Table.Td c="dimmed">{formatDateTime(a.createdAt)}</Table.Td>
                  <Table.Td>
                    <AccountActions account={a} testing={test.isPending && test.variables === a.id} onTest={() => runTest(a)}
                      onDialog={(type) => setDialog({ type, account: a })} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          </Table.ScrollContainer>
        </Card>
        </>
      )}

      <Modal opened={dialog?.type === 'create'} onClose={close} title="New account" size="md">
        {dialog?.type === 'create' && <CreateAccountForm onDone={close} />}
      </Modal>
      <Modal opened={dialog?.type === 'rename' || dialog?.type === 'keys'} onClose={close}
        title={dialog?.type === 'keys' ? 'Rotate API keys' : 'Rename account'}>
        {(dialog?.type === 'rename' || dialog?.type === 'keys') && (
          <EditAccountForm account={dialog.account} mode={dialog.type === 'rename' ? 'rename' : 'keys'} onDone={close} />
        )}
      </Modal>
      <Modal opened={dialog?.type === 'limit'} onClose={close} title="Daily loss limit">
        {dialog?.type === 'limit' && <DailyLossLimitForm account={dialog.account} onDone={close} />}
      </Modal>
      <Modal opened={dialog?.type === 'test'} onClose={close} title={dialog?.type === 'test' ? `Test of ${dialog.account.name}` : ''}>
        {dialog?.type === 'test' && <AccountTestResult result={dialog.result} />}
      </Modal>
      <Modal opened={dialog?.type === 'delete'} onClose={close} title="Delete account?">
        {dialog?.type === 'delete' && (
          <Stack>
            <Text size="sm">
              Delete <b>{dialog.account.name}</b>? {dialog.account.kind === 'paper' ? 'Its paper ledger goes with it. ' : ''}This cannot be undone.
            </Text>
            {remove.isError && <Text c="red.4" size="sm" role="alert">{describeError(remove.error)}</Text>}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Keep it</Button>
              <Button color="red" loading={remove.isPending} onClick={async () => {
                try {
                  await remove.mutateAsync(dialog.account.id);
                  notifications.show({ color: 'teal', message: `${dialog.account.name} deleted` });
                  close();
                } catch {
                  // shown in the dialog
                }
              }}>Delete</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function LimitButton({ account, onClick }: { account: Account; onClick: () => void }) {
  const limit = describeDailyLossLimit(account.dailyLossLimitQuote);
  return (
    <Button size="compact-sm" variant="subtle" aria-label={`Daily loss limit of ${account.name}: ${limit}`} onClick={onClick} className="tb-num">
      {limit}
    </Button>
  );
}

function AccountActions({ account, testing, onTest, onDialog }: {
  account: Account; testing: boolean; onTest: () => void; onDialog: (type: 'rename' | 'keys' | 'limit' | 'delete') => void;
}) {
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <Button size="xs" variant="light" loading={testing} onClick={onTest}>Test</Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" aria-label={`More actions for ${account.name}`}>More</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onDialog('rename')}>Rename</Menu.Item>
          <Menu.Item onClick={() => onDialog('limit')}>Daily loss limit</Menu.Item>
          {account.kind !== 'paper' && <Menu.Item onClick={() => onDialog('keys')}>Rotate keys</Menu.Item>}
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => onDialog('delete')}>Delete</Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
