import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAccounts, type Account } from '@/api/list-accounts';
import { useStrategies, type Strategy } from '@/api/list-strategies';
import { FormAlert } from '@/components/form-alert';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { StrategyFields } from '@/components/strategy-fields';
import { formErrorsOf } from '@/lib/field-errors';
import { initialParamValues, paramFields, toRequestParams, validateParam } from '@/lib/strategy-params';
import { useCreateBot } from '../api/create-bot';
import { botPrefill, botSettingsErrors, emptyRisk, linkedStrategy, renameBotField, strategyToSend, toReplay, toRisk, type BotFormValues } from './bot-form';
import { BotMarketFields, BotSizingFields } from './bot-settings-fields';

export default function NewBotPage() {
  const strategies = useStrategies();
  const accounts = useAccounts();
  if (strategies.isPending || accounts.isPending) return <PageLoader />;
  if (strategies.isError) return <QueryError what="the strategies" error={strategies.error} onRetry={() => strategies.refetch()} />;
  if (accounts.isError) return <QueryError what="your accounts" error={accounts.error} onRetry={() => accounts.refetch()} />;
  if (accounts.data.length === 0) {
    return (
      <Card withBorder p="xl">
        <Stack align="center" gap="xs">
          <Text fw={500}>A bot trades on one of your accounts</Text>
          <Text size="sm" c="dimmed">Create a paper account first: it needs no keys.</Text>
          <Button mt="xs" component={Link} to="/accounts">Go to accounts</Button>
        </Stack>
      </Card>
    );
  }
  return <NewBotForm strategies={strategies.data} accounts={accounts.data} />;
}

function NewBotForm({ strategies, accounts }: { strategies: Strategy[]; accounts: Account[] }) {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const create = useCreateBot();
  const prefill = useMemo(() => botPrefill(search), [search]);
  const linked = linkedStrategy(strategies, prefill.strategy);
  const missing = prefill.strategy !== undefined && linked === undefined ? prefill.strategy : null;
  const first = linked ?? strategies[0];
  // A backtest of a user strategy names it by its reference: the bot's name takes the strategy's own.
  const name = prefill.name && linked && prefill.strategy && prefill.name.startsWith(prefill.strategy)
    ? linked.name + prefill.name.slice(prefill.strategy.length) : prefill.name;
  const paper = accounts.find((a) => a.kind === 'paper');
  const fieldsOf = (name: string) => paramFields(strategies.find((s) => s.name === name)?.parameters ?? []);
  const form = useForm<BotFormValues>({
    initialValues: {
      name: name ?? '',
      accountId: (paper ?? accounts[0])?.id ?? '',
      symbol: prefill.symbol ?? 'BTCUSDT',
      interval: prefill.interval ?? '4h',
      strategy: first?.name ?? '',
      params: { ...initialParamValues(fieldsOf(first?.name ?? '')), ...(prefill.paramsGiven ?? {}) },
      sizing: prefill.sizing ?? { type: 'percent', value: '100' },
      replay: prefill.replay && paper ? prefill.replay : { enabled: false, from: '', to: '' },
      risk: emptyRisk,
    },
    validate: (values) => {
      const errors = botSettingsErrors(values, true);
      for (const field of fieldsOf(values.strategy)) {
        const error = validateParam(field, values.params[field.name] ?? '');
        if (error) errors[`params.${field.name}`] = error;
      }
      return errors;
    },
  });
  const fields = useMemo(() => fieldsOf(form.values.strategy), [form.values.strategy]); // eslint-disable-line react-hooks/exhaustive-deps
  const { other } = formErrorsOf(create.error, form.values, renameBotField);

  return (
    <form noValidate onSubmit={form.onSubmit(async (values) => {
      try {
        const replay = toReplay(values.replay);
        const risk = toRisk(values.risk);
        const bot = await create.mutateAsync({
          name: values.name.trim(), accountId: values.accountId, symbol: values.symbol.trim().toUpperCase(),
          interval: values.interval, strategy: strategyToSend(strategies, values.strategy, prefill.strategy), params: toRequestParams(fieldsOf(values.strategy), values.params),
          sizing: { type: values.sizing.type, value: values.sizing.value.trim() },
          ...(risk ? { risk } : {}), ...(replay ? { replay } : {}),
        });
        navigate(`/bots/${bot.id}`);
      } catch (e) {
        // The typed values stay; the server's field errors go next to their fields.
        form.setErrors(formErrorsOf(e, values, renameBotField).fields);
      }
    })}>
      <Stack gap="md">
        <div>
          <Title order={2}>New bot</Title>
          <Text size="sm" c="dimmed">A bot is created stopped: replay it or start it from its page.</Text>
        </div>
        <Card withBorder>
          <BotMarketFields form={form} accounts={accounts} />
        </Card>
        {missing && (
          <Alert color="yellow" variant="light" role="alert" title="The backtest's strategy is not in your list">
            {missing} is not among your strategies (deleted since?): pick the strategy this bot runs below.
          </Alert>
        )}
        <Card withBorder>
          <StrategyFields strategies={strategies} value={form.values.strategy} error={form.errors.strategy}
            onPick={(name) => {
              form.setFieldValue('strategy', name);
              form.setFieldValue('params', initialParamValues(fieldsOf(name)));
            }}
            fields={fields} inputProps={(name) => form.getInputProps(`params.${name}`)} />
        </Card>
        <Card withBorder>
          <BotSizingFields form={form} />
        </Card>
        <FormAlert error={create.error} other={other} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate('/bots')}>Cancel</Button>
          <Button type="submit" loading={create.isPending}>Create bot</Button>
        </Group>
      </Stack>
    </form>
  );
}
