import { Button, Card, Group, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useStrategies } from '@/api/list-strategies';
import { FormAlert } from '@/components/form-alert';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { RunSettingsFields } from '@/components/run-settings-fields';
import { StrategyFields } from '@/components/strategy-fields';
import { formErrorsOf } from '@/lib/field-errors';
import { defaultRunSettings, runSettingsErrors, toRunRequest, type RunSettings } from '@/lib/run-settings';
import { initialParamValues, paramFields, toRequestParams, validateParam } from '@/lib/strategy-params';
import { useSubmitBacktest } from '../api/submit-backtest';

type Values = RunSettings & { strategy: string; params: Record<string, string> };

export default function NewBacktestPage() {
  const strategies = useStrategies();
  if (strategies.isPending) return <PageLoader />;
  if (strategies.isError) return <QueryError what="the strategies" error={strategies.error} onRetry={() => strategies.refetch()} />;
  return <NewBacktestForm strategies={strategies.data} />;
}

function NewBacktestForm({ strategies }: { strategies: NonNullable<ReturnType<typeof useStrategies>['data']> }) {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const submit = useSubmitBacktest();
  const first = strategies.find((s) => s.name === search.get('strategy')) ?? strategies[0];
  const form = useForm<Values>({
    initialValues: {
      ...defaultRunSettings,
      symbol: search.get('symbol') ?? defaultRunSettings.symbol,
      interval: search.get('interval') ?? defaultRunSettings.interval,
      strategy: first?.name ?? '',
      params: initialParamValues(paramFields(first?.parameters ?? [])),
    },
    validate: (values) => {
      const errors: Record<string, string> = runSettingsErrors(values);
      for (const field of fieldsOf(values.strategy)) {
        const error = validateParam(field, values.params[field.name] ?? '');
        if (error) errors[`params.${field.name}`] = error;
      }
      return errors;
    },
  });
  const strategy = strategies.find((s) => s.name === form.values.strategy);
  const fields = useMemo(() => paramFields(strategy?.parameters ?? []), [strategy]);
  function fieldsOf(name: string) {
    return paramFields(strategies.find((s) => s.name === name)?.parameters ?? []);
  }
  const { other } = formErrorsOf(submit.error, form.values);

  return (
    <form noValidate onSubmit={form.onSubmit(async (values) => {
      try {
        const submitted = await submit.mutateAsync({
          ...toRunRequest(values), strategy: values.strategy, params: toRequestParams(fieldsOf(values.strategy), values.params),
        });
        navigate(`/backtests/${submitted.id}`);
      } catch (e) {
        // The typed values stay; the server's field errors go next to their fields.
        form.setErrors(formErrorsOf(e, values).fields);
      }
    })}>
      <Stack gap="md">
        <Title order={2}>New backtest</Title>
        <Card withBorder>
          <StrategyFields strategies={strategies} value={form.values.strategy} error={form.errors.strategy}
            onPick={(name) => {
              form.setFieldValue('strategy', name);
              form.setFieldValue('params', initialParamValues(fieldsOf(name)));
            }}
            fields={fields} inputProps={(name) => form.getInputProps(`params.${name}`)} />
        </Card>
        <Card withBorder>
          <RunSettingsFields form={form} />
        </Card>
        <FormAlert error={submit.error} other={other} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate('/backtests')}>Cancel</Button>
          <Button type="submit" loading={submit.isPending}>Run backtest</Button>
        </Group>
      </Stack>
    </form>
  );
}
