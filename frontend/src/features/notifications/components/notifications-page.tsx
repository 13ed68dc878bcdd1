import {
  Alert, Badge, Button, Card, Checkbox, Code, CopyButton, Group, Modal, PasswordInput, Stack, Table, Text, TextInput, Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { Fragment, useState } from 'react';
import { FormAlert } from '@/components/form-alert';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { describeError } from '@/lib/api-error';
import { formErrorsOf } from '@/lib/field-errors';
import { formatDateTime } from '@/lib/format';
import { useCreateTelegramChannel } from '../api/create-telegram-channel';
import { useCreateWebhook, type CreatedWebhook } from '../api/create-webhook';
import { useDeleteTelegramChannel } from '../api/delete-telegram-channel';
import { useDeleteWebhook } from '../api/delete-webhook';
import { useTelegramChannels, type TelegramChannel } from '../api/list-telegram-channels';
import { useWebhookDeliveries, type Delivery } from '../api/list-webhook-deliveries';
import { useWebhooks, type Webhook } from '../api/list-webhooks';
import { useTestTelegramChannel, type TelegramTest } from '../api/test-telegram-channel';
import { useTestWebhook } from '../api/test-webhook';
import {
  DEFAULT_EVENTS, deliveryColor, deliveryOutcome, EVENT_TYPES, eventLabel, renameChannelField, telegramErrors, telegramTestOutcome, webhookErrors,
  type TelegramValues, type WebhookValues,
} from './channel-form';

type Dialog =
  | { type: 'new-webhook' }
  | { type: 'secret'; webhook: CreatedWebhook }
  | { type: 'new-telegram' }
  | { type: 'delete-webhook'; webhook: Webhook }
  | { type: 'delete-telegram'; channel: TelegramChannel };

export default function NotificationsPage() {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Notifications</Title>
        <Text size="sm" c="dimmed">
          Be told when orders fill, bots stop or a risk limit is reached: by a signed webhook to your own server, or in a Telegram chat.
        </Text>
      </div>
      <WebhooksCard onNew={() => setDialog({ type: 'new-webhook' })} onDelete={(webhook) => setDialog({ type: 'delete-webhook', webhook })} />
      <TelegramCard onNew={() => setDialog({ type: 'new-telegram' })} onDelete={(channel) => setDialog({ type: 'delete-telegram', channel })} />

      <Modal opened={dialog?.type === 'new-webhook'} onClose={close} title="New webhook" size="lg">
        {dialog?.type === 'new-webhook' && <NewWebhookForm onCancel={close} onCreated={(webhook) => setDialog({ type: 'secret', webhook })} />}
      </Modal>
      <Modal opened={dialog?.type === 'secret'} onClose={close} title="Webhook created: copy its secret now" size="lg"
        closeOnClickOutside={false}>
        {dialog?.type === 'secret' && <WebhookSecret webhook={dialog.webhook} onDone={close} />}
      </Modal>
      <Modal opened={dialog?.type === 'new-telegram'} onClose={close} title="New Telegram channel" size="lg">
        {dialog?.type === 'new-telegram' && <NewTelegramForm onDone={close} />}
      </Modal>
      <Modal opened={dialog?.type === 'delete-webhook' || dialog?.type === 'delete-telegram'} onClose={close}
        title={dialog?.type === 'delete-telegram' ? 'Delete Telegram channel?' : 'Delete webhook?'}>
        {dialog?.type === 'delete-webhook' && <DeleteWebhook webhook={dialog.webhook} onDone={close} />}
        {dialog?.type === 'delete-telegram' && <DeleteTelegram channel={dialog.channel} onDone={close} />}
      </Modal>
    </Stack>
  );
}

function EventBadges({ events }: { events: readonly string[] }) {
  return (
    <Group gap={4}>
      {events.map((e) => <Badge key={e} size="sm" variant="outline" color="gray" tt="none">{eventLabel(e)}</Badge>)}
    </Group>
  );
}

function WebhooksCard({ onNew, onDelete }: { onNew: () => void; onDelete: (w: Webhook) => void }) {
  const webhooks = useWebhooks();
  const list = webhooks.data ?? [];
  const deliveries = useWebhookDeliveries(list.map((w) => w.id));
  const test = useTestWebhook();
  const [open, setOpen] = useState<string | null>(null);
  const runTest = async (w: Webhook) => {
    try {
      await test.mutateAsync(w.id);
      setOpen(w.id);
      notifications.show({ color: 'teal', message: 'Test notification queued: its delivery shows below.' });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not send a test', message: describeError(e) });
    }
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={3} size="h4">Webhooks</Title>
            <Text size="xs" c="dimmed">A JSON POST per event, signed with the webhook's secret (see the README for the check).</Text>
          </div>
          <Button onClick={onNew}>New webhook</Button>
        </Group>
        {webhooks.isPending ? <PageLoader /> : webhooks.isError ? (
          <QueryError what="your webhooks" error={webhooks.error} onRetry={() => webhooks.refetch()} />
        ) : list.length === 0 ? (
          <Text size="sm" c="dimmed">No webhooks yet.</Text>
        ) : (
          <Stack gap="xs">
            {list.map((w, i) => {
              const recent = deliveries[i]?.data ?? [];
              const last = recent[0];
              return (
                <Card key={w.id} withBorder p="sm" bg="dark.7">
                  <Stack gap={6}>
                    <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
                      <Stack gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
                        <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>{w.url}</Text>
                        <EventBadges events={w.events} />
                      </Stack>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="light" loading={test.isPending && test.variables === w.id} onClick={() => runTest(w)}>
                          Test
                        </Button>
                        <Button size="xs" variant="default" aria-expanded={open === w.id}
                          aria-label={`Deliveries of ${w.url}`} onClick={() => setOpen(open === w.id ? null : w.id)}>
                          Deliveries
                        </Button>
                        <Button size="xs" variant="subtle" color="red" aria-label={`Delete ${w.url}`} onClick={() => onDelete(w)}>
                          Delete
                        </Button>
                      </Group>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {last ? (
                        <>
                          Last delivery: <Badge size="xs" variant="light" color={deliveryColor[last.status]}>{last.status}</Badge>{' '}
                          {eventLabel(last.event)}, {formatDateTime(last.createdAt)}: {deliveryOutcome(last)}
                        </>
                      ) : deliveries[i]?.isPending ? 'Looking up deliveries…' : `No deliveries yet. Created ${formatDateTime(w.createdAt)}.`}
                    </Text>
                    {open === w.id && <DeliveriesTable deliveries={recent} url={w.url} />}
                  </Stack>
                </Card>
              );
            })}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function DeliveriesTable({ deliveries, url }: { deliveries: Delivery[]; url: string }) {
  if (deliveries.length === 0) return <Text size="sm" c="dimmed">Nothing sent to this webhook yet: press Test to send one.</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={4} fz="xs" aria-label={`Deliveries of ${url}`} className="tb-nowrap">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th><Table.Th>Status</Table.Th><Table.Th>Outcome</Table.Th><Table.Th>Created</Table.Th>
            <Table.Th>Next try / finished</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{eventLabel(d.event)}</Table.Td>
              <Table.Td><Badge size="xs" variant="light" color={deliveryColor[d.status]}>{d.status}</Badge></Table.Td>
              <Table.Td>{deliveryOutcome(d)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.createdAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.nextAttemptAt ?? d.finishedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TelegramCard({ onNew, onDelete }: { onNew: () => void; onDelete: (c: TelegramChannel) => void }) {
  const channels = useTelegramChannels();
  const test = useTestTelegramChannel();
  // The latest test's answer (or why it could not be asked) per channel, shown under that channel.
  const [tested, setTested] = useState<Record<string, TelegramTest | { failed: string }>>({});
  const runTest = async (c: TelegramChannel) => {
    try {
      const result = await test.mutateAsync(c.id);
      setTested((t) => ({ ...t, [c.id]: result }));
    } catch (e) {
      setTested((t) => ({ ...t, [c.id]: { failed: describeError(e) } }));
    }
  };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={3} size="h4">Telegram</Title>
            <Text size="xs" c="dimmed">Messages from your own Telegram bot to a chat, a group or a channel it is in.</Text>
          </div>
          <Button onClick={onNew}>New Telegram channel</Button>
        </Group>
        {channels.isPending ? <PageLoader /> : channels.isError ? (
          <QueryError what="your Telegram channels" error={channels.error} onRetry={() => channels.refetch()} />
        ) : channels.data.length === 0 ? (
          <Text size="sm" c="dimmed">No Telegram channels yet.</Text>
        ) : (
          <Stack gap="xs" role="list" aria-label="Telegram channels">
            {channels.data.map((c) => {
              const result = tested[c.id];
              const outcome = result === undefined ? null
                : 'failed' in result ? { ok: false, text: `Could not ask for a test: ${result.failed}` } : telegramTestOutcome(result);
              return (
                <Card key={c.id} withBorder p="sm" bg="dark.7" role="listitem">
                  <Stack gap={6}>
                    <Group justify="space-between" align="flex-start" gap="xs">
                      <Stack gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
                        <Text size="sm">
                          Chat <Text span ff="monospace" inherit>{c.chatId}</Text>
                          <Text span c="dimmed" inherit> · bot token <Text span ff="monospace" inherit>
                            {c.botTokenHint ? `••••${c.botTokenHint.replace(/^\.+/, '')}` : '—'}</Text></Text>
                        </Text>
                        <EventBadges events={c.events} />
                        <Text size="xs" c="dimmed">Added {formatDateTime(c.createdAt)}</Text>
                      </Stack>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="light" aria-label={`Test the channel to ${c.chatId}`}
                          loading={test.isPending && test.variables === c.id} onClick={() => runTest(c)}>
                          Test
                        </Button>
                        <Button size="xs" variant="subtle" color="red" aria-label={`Delete the channel to ${c.chatId}`} onClick={() => onDelete(c)}>
                          Delete
                        </Button>
                      </Group>
                    </Group>
                    {outcome && (
                      <Alert color={outcome.ok ? 'teal' : 'red'} variant="light" p="xs" role="status"
                        aria-label={`Test of the channel to ${c.chatId}`}>
                        <Text size="sm">{outcome.text}</Text>
                      </Alert>
                    )}
                  </Stack>
                </Card>
              );
            })}
          </Stack>
        )}
        <Text size="xs" c="dimmed">
          Test sends one message now and shows Telegram's answer here; it is not kept as a delivery.
        </Text>
      </Stack>
    </Card>
  );
}

function EventsField({ value, onChange, error }: { value?: unknown; onChange: (v: unknown) => void; error?: React.ReactNode }) {
  return (
    <Checkbox.Group label="Events" description="What this channel is told about" withAsterisk
      value={Array.isArray(value) ? (value as string[]) : []} onChange={onChange} error={error}>
      <Group gap="sm" mt={6}>
        {EVENT_TYPES.map((e) => <Checkbox key={e.value} value={e.value} label={e.label} />)}
      </Group>
    </Checkbox.Group>
  );
}

function NewWebhookForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (w: CreatedWebhook) => void }) {
  const create = useCreateWebhook();
  const form = useForm<WebhookValues>({ initialValues: { url: '', events: DEFAULT_EVENTS }, validate: webhookErrors });
  const { other } = formErrorsOf(create.error, form.values, renameChannelField);
  return (
    <form noValidate onSubmit={form.onSubmit(async (values) => {
      try {
        onCreated(await create.mutateAsync({ url: values.url.trim(), events: values.events }));
      } catch (e) {
        form.setErrors(formErrorsOf(e, values, renameChannelField).fields);
      }
    })}>
      <Stack>
        <TextInput label="URL" required placeholder="https://hooks.example.com/tradebot" data-autofocus
          description="Where each event is POSTed. It must be reachable on the public internet." {...form.getInputProps('url')} />
        <EventsField {...form.getInputProps('events')} />
        <FormAlert error={create.error} other={other} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>Cancel</Button>
          <Button type="submit" loading={create.isPending}>Create webhook</Button>
        </Group>
      </Stack>
    </form>
  );
}

function WebhookSecret({ webhook, onDone }: { webhook: CreatedWebhook; onDone: () => void }) {
  return (
    <Stack>
      <Text size="sm">
        Every delivery to <Code>{webhook.url}</Code> is signed with this secret. Keep it in your receiver to check the
        signature.
      </Text>
      <Alert color="yellow" variant="light" title="Shown once">This is the only time the secret is shown. If it is lost, delete the webhook and create another.</Alert>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} aria-label="Signing secret">{webhook.secret}</Code>
        <CopyButton value={webhook.secret}>
          {({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}
        </CopyButton>
      </Group>
      <Group justify="flex-end"><Button onClick={onDone}>I have kept it</Button></Group>
    </Stack>
  );
}

function NewTelegramForm({ onDone }: { onDone: () => void }) {
  const create = useCreateTelegramChannel();
  const form = useForm<TelegramValues>({ initialValues: { botToken: '', chatId: '', events: DEFAULT_EVENTS }, validate: telegramErrors });
  const { other } = formErrorsOf(create.error, form.values, renameChannelField);
  return (
    <form noValidate onSubmit={form.onSubmit(async (values) => {
      try {
        await create.mutateAsync({ botToken: values.botToken.trim(), chatId: values.chatId.trim(), events: values.events });
        notifications.show({ color: 'teal', message: `Telegram channel to ${values.chatId.trim()} added` });
        onDone();
      } catch (e) {
        form.setErrors(formErrorsOf(e, values, renameChannelField).fields);
      }
    })}>
      <Stack>
        <PasswordInput label="Bot token" required data-autofocus autoComplete="off"
          description="From BotFather. Stored encrypted; only its last characters are shown afterwards." {...form.getInputProps('botToken')} />
        <TextInput label="Chat id" required placeholder="-1001234567890 or @my_channel"
          description="The chat, group or channel your bot posts to" {...form.getInputProps('chatId')} />
        <EventsField {...form.getInputProps('events')} />
        <FormAlert error={create.error} other={other} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={create.isPending}>Add channel</Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeleteWebhook({ webhook, onDone }: { webhook: Webhook; onDone: () => void }) {
  const remove = useDeleteWebhook();
  return (
    <ConfirmDelete what={<>the webhook to <Code>{webhook.url}</Code>? Deliveries still waiting for a retry are dropped.</>}
      pending={remove.isPending} error={remove.error} onCancel={onDone}
      onConfirm={() => remove.mutateAsync(webhook.id).then(onDone)} />
  );
}

function DeleteTelegram({ channel, onDone }: { channel: TelegramChannel; onDone: () => void }) {
  const remove = useDeleteTelegramChannel();
  return (
    <ConfirmDelete what={<>the Telegram channel to <Code>{channel.chatId}</Code>?</>}
      pending={remove.isPending} error={remove.error} onCancel={onDone}
      onConfirm={() => remove.mutateAsync(channel.id).then(onDone)} />
  );
}

function ConfirmDelete({ what, pending, error, onCancel, onConfirm }: {
  what: React.ReactNode; pending: boolean; error: unknown; onCancel: () => void; onConfirm: () => Promise<void>;
}) {
  return (
    <Stack>
      <Text size="sm">Delete <Fragment>{what}</Fragment> Nothing more is sent to it.</Text>
      {error ? <Text c="red.4" size="sm" role="alert">{describeError(error)}</Text> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>Keep it</Button>
        <Button color="red" loading={pending} onClick={() => onConfirm().catch(() => { /* shown above */ })}>Delete</Button>
      </Group>
    </Stack>
  );
}
