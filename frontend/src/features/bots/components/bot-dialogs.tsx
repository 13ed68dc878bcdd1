import { Alert, Button, Card, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import type { Strategy } from '@/api/list-strategies';
import { FormAlert } from '@/components/form-alert';
import { StrategyParamsFields } from '@/components/strategy-params-fields';
import { ApiError, describeError } from '@/lib/api-error';
import { formErrorsOf } from '@/lib/field-errors';
import { paramFields, toRequestParams, validateParam } from '@/lib/strategy-params';
import { useDeleteBot } from '../api/delete-bot';
import type { Bot } from '../api/get-bot';
import { useStopBot } from '../api/stop-bot';
import { useUpdateBot } from '../api/update-bot';
import { botSettingsErrors, renameBotField, riskValuesOf, toRisk, type BotFormValues } from './bot-form';
import { BotSizingFields } from './bot-settings-fields';
import { baseOf } from './pnl';

/** A refusal (409) in words the user can act on, under a title that says nothing happened. */
export function ConflictAlert({ error, title }: { error: unknown; title: string }) {
  if (!error) return null;
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Alert color={conflict ? 'yellow' : 'red'} variant="light" role="alert" title={conflict ? title : 'It failed'}>
      {describeError(error)}
    </Alert>
  );
}

export function StopBotForm({ bot, onDone }: { bot: Bot; onDone: () => void }) {
  const stop = useStopBot();
  const [cancelOrders, setCancelOrders] = useState(true);
  const [flatten, setFlatten] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const holding = !bot.position.flat;
  return (
    <Stack gap="sm">
      <Checkbox label="Cancel its open orders" checked={cancelOrders} onChange={(e) => setCancelOrders(e.currentTarget.checked)}
        description={`${bot.openOrders} open now`} />
      <Checkbox label="Flatten: sell the position at market" checked={flatten} disabled={!holding}
        description={holding ? `Holds ${bot.position.quantity} ${baseOf(bot.symbol)}` : 'The bot holds nothing to sell'}
        onChange={(e) => { setFlatten(e.currentTarget.checked); setConfirmed(false); }} />
      {flatten && (
        <Alert color="orange" variant="light" title="This sells at market">
          <Stack gap={6}>
            <Text size="sm">
              {bot.position.quantity} {baseOf(bot.symbol)} are sold at the market price through the bot's order path,
              whatever the price is now.
            </Text>
            <Checkbox label="Yes, sell the position" checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
          </Stack>
        </Alert>
      )}
      <ConflictAlert error={stop.error} title="Not stopped" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Keep running</Button>
        <Button color="red" loading={stop.isPending} disabled={flatten && !confirmed}
          onClick={() => stop.mutate({ id: bot.id, cancelOrders, flatten }, { onSuccess: onDone })}>
          {flatten ? 'Stop and sell' : 'Stop bot'}
        </Button>
      </Group>
    </Stack>
  );
}

export function DeleteBotForm({ bot, onDone, onDeleted }: { bot: Bot; onDone: () => void; onDeleted: () => void }) {
  const remove = useDeleteBot();
  return (
    <Stack>
      <Text size="sm">
        Delete <b>{bot.name}</b>? It must be stopped and flat. Its orders, fills and events stay stored for the audit trail;
        the bot itself cannot be brought back.
      </Text>
      <ConflictAlert error={remove.error} title="Not deleted" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>Keep it</Button>
        <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(bot.id, { onSuccess: onDeleted })}>Delete</Button>
      </Group>
    </Stack>
  );
}

/** Name, parameters, sizing and risk of a stopped bot. */
export function EditBotForm({ bot, strategy, onDone }: { bot: Bot; strategy: Strategy | undefined; onDone: () => void }) {
  const update = useUpdateBot();
  const fields = useMemo(() => paramFields(strategy?.parameters ?? []), [strategy]);
  const form = useForm<BotFormValues>({
    initialValues: {
      name: bot.name, accountId: bot.accountId, symbol: bot.symbol, interval: bot.interval, strategy: bot.strategy,
      params: Object.fromEntries(fields.map((f) => [f.name, bot.params?.[f.name] === undefined || bot.params[f.name] === null
        ? '' : String(bot.params[f.name])])),
      sizing: { type: bot.sizing.type, value: bot.sizing.value },
      replay: { enabled: false, from: '', to: '' },
      risk: riskValuesOf(bot.risk),
    },
    validate: (values) => {
      const errors = botSettingsErrors(values, false);
      for (const field of fields) {
        const error = validateParam(field, values.params[field.name] ?? '');
        if (error) errors[`params.${field.name}`] = error;
      }
      return errors;
    },
  });
  const { other } = formErrorsOf(update.error, form.values, renameBotField);
  return (
    <form noValidate onSubmit={form.onSubmit(async (values) => {
      try {
        // The limits replace the stored ones: a cleared field is a limit taken off.
        await update.mutateAsync({
          id: bot.id, name: values.name.trim(), params: toRequestParams(fields, values.params),
          sizing: { type: values.sizing.type, value: values.sizing.value.trim() }, risk: toRisk(values.risk) ?? {},
        });
        onDone();
      } catch (e) {
        form.setErrors(formErrorsOf(e, values, renameBotField).fields);
      }
    })}>
      <Stack gap="sm">
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Card withBorder p="sm">
          <Text fw={600} size="sm" mb={6}>{bot.strategy} parameters</Text>
          <StrategyParamsFields fields={fields} inputProps={(name) => form.getInputProps(`params.${name}`)} />
        </Card>
        <BotSizingFields form={form} />
        {update.error instanceof ApiError && update.error.status === 409
          ? <ConflictAlert error={update.error} title="Not saved" />
          : <FormAlert error={update.error} other={other} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={update.isPending}>Save</Button>
        </Group>
      </Stack>
    </form>
  );
}
