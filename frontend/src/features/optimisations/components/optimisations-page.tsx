import { Button, Card, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useStrategies, type Strategy } from '@/api/list-strategies';
import { StrategyPicker } from '@/components/strategy-picker';
import { FormAlert } from '@/components/form-alert';
import { METRIC_LABELS } from '@/components/metrics-grid';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { RunSettingsFields } from '@/components/run-settings-fields';
import { isDecimal } from '@/lib/decimal';
import { formErrorsOf } from '@/lib/field-errors';
import { formatDateTime } from '@/lib/format';
import { defaultRunSettings, runSettingsErrors, toRunRequest, type RunSettings } from '@/lib/run-settings';
import { paramFields } from '@/lib/strategy-params';
import { RANK_METRICS, useSubmitOptimisation, type RankMetric } from '../api/submit-optimisation';
import { gridSize, initialRange, rangeError, toRequest, type RangeValues } from './ranges';
import { RangesEditor } from './ranges-editor';
import { recentOptimisations, rememberOptimisation } from './recent-optimisations';

type Values = RunSettings & {
  strategy: string; ranges: Record<string, RangeValues>; search: 'grid' | 'random'; maxRuns: number | string; seed: string;
  rankBy: RankMetric; walkForward: boolean; inSampleFraction: string; topN: number | string;
};

export default function OptimisationsPage() {
  const strategies = useStrategies();
  const [recent] = useState(recentOptimisations);
  return (
    <Stack gap="md">
      <Title order={2}>Optimisations</Title>
      {strategies.isPending ? <PageLoader /> : strategies.isError ? (
        <QueryError what="the strategies" error={strategies.error} onRetry={() => strategies.refetch()} />
      ) : <OptimisationForm strategies={strategies.data} />}
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">Submitted from this browser</Title>
        {recent.length === 0 ? <Text size="sm" c="dimmed">None yet.</Text> : (
          <Table fz="sm" verticalSpacing={4}>
            <Table.Tbody>
              {recent.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td><Link to={`/optimisations/${r.id}`} style={{ color: 'var(--mantine-color-teal-4)' }}>{r.strategy}</Link></Table.Td>
                  <Table.Td>{r.symbol} {r.interval}</Table.Td>
                  <Table.Td c="dimmed">{formatDateTime(r.at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}

function rangesFor(strategy: Strategy | undefined) {
  return Object.fromEntries(paramFields(strategy?.parameters ?? []).map((f) => [f.name, initialRange(f)]));
}

function OptimisationForm({ strategies }: { strategies: Strategy[] }) {
  const navigate = useNavigate();
  const submit = useSubmitOptimisation();
  const fieldsOf = (name: string) => paramFields(strategies.find((s) => s.name === name)?.parameters ?? []);
  const first = strategies[0];
  const initialRanges = rangesFor(first);
  // Sweep the first numeric parameter by default, so the form can be sent as it is.
  const firstNumeric = fieldsOf(first?.name ?? '').find((f) => f.kind === 'integer' && f.initial !== '');
  if (firstNumeric && initialRanges[firstNumeric.name]) initialRanges[firstNumeric.name]!.mode = 'range';
  const form = useForm<Values>({
    initialValues: {
      ...defaultRunSettings, strategy: first?.name ?? '', ranges: initialRanges, search: 'grid', maxRuns: 1000, seed: '',
      rankBy: 'sharpe', walkForward: false, inSampleFraction: '0.7', topN: 5,
    },
    validate: (values) => {
      const errors: Record<string, string> = runSettingsErrors(values);
      for (const field of fieldsOf(values.strategy)) {
        const r = values.ranges[field.name];
        const error = r && rangeError(field, r);
        if (error) errors[`ranges.${field.name}`] = error;
      }
      if (Object.values(values.ranges).every((r) => r.mode === 'fixed')) errors.strategy = 'Search at least one parameter (range or values)';
      if (!(Number(values.maxRuns) >= 1 && Number(values.maxRuns) <= 100_000)) errors.maxRuns = '1 to 100,000';
      if (values.seed !== '' && !/^-?\d+$/.test(values.seed)) errors.seed = 'A whole number';
      if (values.walkForward) {
        if (!isDecimal(values.inSampleFraction) || Number(values.inSampleFraction) < 0.1 || Number(values.inSampleFraction) > 0.95) {
          errors.inSampleFraction = '0.1 to 0.95';
        }
        if (!(Number(values.topN) >= 1 && Number(values.topN) <= 100)) errors.topN = '1 to 100';
      }
      return errors;
    },
  });
  const fields = useMemo(() => fieldsOf(form.values.strategy), [form.values.strategy]); // eslint-disable-line react-hooks/exhaustive-deps
  const size = gridSize(form.values.ranges);
  const { other } = formErrorsOf(submit.error, form.values);

  return (
    <form noValidate onSubmit={form.onSubmit(async (values) => {
      const { params, ranges } = toRequest(fieldsOf(values.strategy), values.ranges);
      try {
        const submitted = await submit.mutateAsync({
          ...toRunRequest(values), strategy: values.strategy, params, ranges, search: values.search,
          maxRuns: Number(values.maxRuns), rankBy: values.rankBy,
          ...(values.seed !== '' ? { seed: Number(values.seed) } : {}),
          ...(values.walkForward ? { walkForward: { inSampleFraction: values.inSampleFraction, topN: Number(values.topN) } } : {}),
        });
        rememberOptimisation({ id: submitted.id, strategy: values.strategy, symbol: values.symbol, interval: values.interval, at: new Date().toISOString() });
        navigate(`/optimisations/${submitted.id}`);
      } catch (e) {
        form.setErrors(formErrorsOf(e, values).fields);
      }
    })}>
      <Stack gap="md">
        <Card withBorder>
          <Stack gap="sm">
            <StrategyPicker strategies={strategies} value={form.values.strategy} error={form.errors.strategy}
              onChange={(v) => { form.setFieldValue('strategy', v); form.setFieldValue('ranges', rangesFor(strategies.find((s) => s.name === v))); }} />
            <RangesEditor fields={fields} form={form} />
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
              <Stack gap={4}>
                <Text size="sm" fw={500} id="search-label">Search</Text>
                <SegmentedControl aria-labelledby="search-label" data={[{ value: 'grid', label: 'Grid' }, { value: 'random', label: 'Random' }]}
                  {...form.getInputProps('search')} />
              </Stack>
              <NumberInput label="Max runs" min={1} max={100000} description={size !== null ? `Grid: ${size.toLocaleString('en')} combinations` : undefined}
                {...form.getInputProps('maxRuns')} />
              {form.values.search === 'random' && (
                <TextInput label="Seed" description="Same seed, same draw" placeholder="random" {...form.getInputProps('seed')} />
              )}
              <Select label="Rank by" data={RANK_METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m] ?? m }))}
                allowDeselect={false} {...form.getInputProps('rankBy')} />
            </SimpleGrid>
            <Group gap="md" align="flex-end">
              <Switch label="Walk-forward: rank on the first part, re-run the best on the rest" {...form.getInputProps('walkForward', { type: 'checkbox' })} />
              {form.values.walkForward && (
                <>
                  <TextInput label="In-sample fraction" w={150} {...form.getInputProps('inSampleFraction')} />
                  <NumberInput label="Re-run the best" w={130} min={1} max={100} {...form.getInputProps('topN')} />
                </>
              )}
            </Group>
          </Stack>
        </Card>
        <Card withBorder><RunSettingsFields form={form} /></Card>
        <FormAlert error={submit.error} other={other} />
        <Group justify="flex-end">
          <Button type="submit" loading={submit.isPending}>Start optimisation</Button>
        </Group>
      </Stack>
    </form>
  );
}
