import { Alert, Button, Group, Modal, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useStopAllBots, type StopAllResult } from '@/api/stop-all-bots';
import { describeError } from '@/lib/api-error';

/** The kill switch: "Stop all bots", optionally selling every position, after a confirmation; then what each bot did. */
export function KillSwitch({ running }: { running?: number }) {
  const [open, setOpen] = useState(false);
  const [flatten, setFlatten] = useState(false);
  const [result, setResult] = useState<StopAllResult | null>(null);
  const stopAll = useStopAllBots();
  const close = () => {
    setOpen(false);
    setResult(null);
    setFlatten(false);
    stopAll.reset();
  };
  return (
    <>
      <Button color="red" variant="filled" onClick={() => setOpen(true)}>Stop all bots</Button>
      <Modal opened={open} onClose={close} title={result ? 'All bots stopped' : 'Stop all bots?'} size="lg">
        {result ? <StopAllReport result={result} onClose={close} /> : (
          <Stack>
            <Text size="sm">
              Every running bot of yours stops now{running !== undefined ? ` (${running} running)` : ''}, on every account,
              and its open orders are cancelled. Nothing starts them again until you do.
            </Text>
            <Switch checked={flatten} onChange={(e) => setFlatten(e.currentTarget.checked)}
              label="Also sell every bot's position at market (flatten)"
              description="Each bot that holds a position sends one market sell for it. Leave off to keep the positions." />
            {stopAll.isError && (
              <Alert color="red" variant="light" role="alert" title="Nothing was stopped">{describeError(stopAll.error)}</Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Keep them running</Button>
              <Button color="red" loading={stopAll.isPending} onClick={async () => {
                try {
                  setResult(await stopAll.mutateAsync(flatten));
                } catch {
                  // shown above
                }
              }}>{flatten ? 'Stop all and flatten' : 'Stop all bots'}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

function StopAllReport({ result, onClose }: { result: StopAllResult; onClose: () => void }) {
  const failed = result.bots.filter((b) => !b.stopped || b.error);
  return (
    <Stack>
      {result.bots.length === 0 ? <Text size="sm">No bot was running.</Text> : (
        <>
          <Text size="sm" role="status">
            {result.bots.length - failed.length} of {result.bots.length} bot{result.bots.length === 1 ? '' : 's'} stopped cleanly
            {failed.length > 0 ? `; ${failed.length} need${failed.length === 1 ? 's' : ''} a look.` : '.'}
          </Text>
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing="xs" aria-label="What each bot did">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Bot</Table.Th><Table.Th>Stopped</Table.Th><Table.Th className="tb-num">Orders cancelled</Table.Th>
                  <Table.Th>Flatten order</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.bots.map((b) => (
                  <Table.Tr key={b.botId}>
                    <Table.Td>
                      {b.name}
                      {b.error && <Text size="xs" c="red.4">{b.error}</Text>}
                    </Table.Td>
                    <Table.Td>{b.stopped ? 'yes' : <Text span c="red.4" inherit>no</Text>}</Table.Td>
                    <Table.Td className="tb-num">{b.cancelledOrders}</Table.Td>
                    <Table.Td ff="monospace" fz="xs">{b.flattenOrderId ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <Group justify="flex-end"><Button onClick={onClose}>Done</Button></Group>
    </Stack>
  );
}
