import { Alert, Anchor, Badge, Button, Card, Grid, Group, List, Loader, Modal, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useStrategies, ownStrategyId } from '@/api/list-strategies';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { StrategyParamsFields } from '@/components/strategy-params-fields';
import { ApiError, describeError } from '@/lib/api-error';
import { initialParamValues, paramFields } from '@/lib/strategy-params';
import { useCreateStrategy } from '../api/create-strategy';
import { useDeleteStrategy } from '../api/delete-strategy';
import { useStrategy, type UserStrategy } from '../api/get-strategy';
import { useUpdateStrategy } from '../api/update-strategy';
import { useValidation, type RuleError } from '../api/validate-strategy';
import { RuleEditor, type RuleEditorHandle } from './rule-editor';
import { EXAMPLE_SOURCE, MAX_SOURCE, nameError, parseRuleError } from './rule-source';

/** The editor of one of the user's strategies: /strategies/new, or /strategies/:id for a saved one. */
export default function StrategyEditorPage() {
  const { id } = useParams();
  const saved = useStrategy(id);
  const strategies = useStrategies();
  if (strategies.isPending || (id && saved.isPending)) return <PageLoader />;
  if (id && saved.isError) return <QueryError what="the strategy" error={saved.error} onRetry={() => saved.refetch()} />;
  if (strategies.isError) return <QueryError what="the strategies" error={strategies.error} onRetry={() => strategies.refetch()} />;
  const builtIns = strategies.data.filter((s) => ownStrategyId(s) === null).map((s) => s.name);
  return <Editor key={id ?? 'new'} saved={saved.data ?? null} builtIns={builtIns} />;
}

function Editor({ saved, builtIns }: { saved: UserStrategy | null; builtIns: string[] }) {
  const navigate = useNavigate();
  const [name, setName] = useState(saved?.name ?? '');
  const [source, setSource] = useState(saved?.source ?? EXAMPLE_SOURCE);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  // A refused save's errors, for the source that was sent: typing on (or an answer that comes late) leaves them behind.
  const [refusal, setSaveErrors] = useState<{ sent: string; source: RuleError[]; other: string[] } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const editor = useRef<RuleEditorHandle>(null);
  const create = useCreateStrategy();
  const update = useUpdateStrategy();
  const saving = create.isPending || update.isPending;

  // Checked as you type: the compiler's answer for what was typed a moment ago.
  const [settled] = useDebouncedValue(source, 350);
  const validation = useValidation(settled);
  const checking = settled !== source || validation.isFetching;
  const verdict = validation.data;
  const tooLong = source.length > MAX_SOURCE;
  const saveErrors = refusal && refusal.sent === source ? refusal : null;
  // The marks follow the latest answer; after a refused save, its errors until the source changes again.
  const errors: RuleError[] = tooLong ? [] : saveErrors?.source.length ? saveErrors.source : verdict?.errors ?? [];
  const parameters = verdict?.valid ? verdict.parameters ?? [] : saved && source === saved.source ? saved.parameters : [];
  const warmUp = verdict?.valid ? verdict.warmUp : saved && source === saved.source ? saved.warmUp : null;
  const dirty = !saved || name !== saved.name || source !== saved.source;

  const save = async () => {
    const problem = nameError(name, builtIns);
    setNameProblem(problem);
    setSaveErrors(null);
    if (problem || tooLong) return;
    const body = { name: name.trim(), source };
    try {
      const result = saved ? await update.mutateAsync({ id: saved.id, ...body }) : await create.mutateAsync(body);
      notifications.show({ color: 'teal', message: `${result.name} saved as version ${result.version}` });
      if (!saved) navigate(`/strategies/${result.id}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.status === 409) setNameProblem(e.detail ?? e.title);
        const byField = (f: string) => e.fieldErrors.filter((p) => p.field === f).map((p) => p.message);
        if (byField('name').length > 0) setNameProblem(byField('name').join('; '));
        const sourceErrors = byField('source');
        setSaveErrors({
          sent: body.source,
          source: sourceErrors.map(parseRuleError).filter((r): r is RuleError => r !== null),
          other: [...sourceErrors.filter((m) => parseRuleError(m) === null).map((m) => `source: ${m}`),
            ...e.fieldErrors.filter((p) => p.field !== 'name' && p.field !== 'source').map((p) => `${p.field}: ${p.message}`)],
        });
      }
    }
  };
  const saveError = create.error ?? update.error;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={2}>{saved ? saved.name : 'New strategy'}</Title>
            {saved && <Badge variant="light">version {saved.version}</Badge>}
            {saved && dirty && <Badge variant="outline" color="yellow">unsaved changes</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            Rules compiled into a strategy that runs in backtests, optimisations and bots like a built-in.{' '}
            <Anchor component={Link} to="/strategies" size="sm">All strategies</Anchor>
          </Text>
        </div>
        <Group gap="xs">
          {saved && (
            <Button component={Link} to={`/backtests/new?strategy=${encodeURIComponent(saved.name)}`} variant="light"
              disabled={dirty} title={dirty ? 'Save first: a backtest runs the saved version' : undefined}>
              Backtest this
            </Button>
          )}
          {saved && <Button variant="default" color="red" onClick={() => setConfirmDelete(true)}>Delete</Button>}
        </Group>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder>
            <Stack gap="sm">
              <TextInput label="Name" required maw={360} value={name} error={nameProblem}
                description="Lower-case letters, digits and dashes; how backtests and bots name it"
                onChange={(e) => { setName(e.currentTarget.value); setNameProblem(null); }} />
              <div>
                <Group justify="space-between" mb={4}>
                  <Text size="sm" fw={500} id="rules-label">Rules</Text>
                  <Text size="xs" c={tooLong ? 'red.4' : 'dimmed'}>{source.length.toLocaleString('en')} / {MAX_SOURCE.toLocaleString('en')} characters</Text>
                </Group>
                <RuleEditor ref={editor} value={source} errors={errors} describedBy="rule-status"
                  onChange={setSource} />
              </div>
              <Status id="rule-status" checking={checking} tooLong={tooLong} valid={!!verdict?.valid && !saveErrors?.source.length}
                errors={errors} warmUp={warmUp ?? null} failed={validation.isError ? validation.error : null}
                onGoTo={(e) => editor.current?.goTo(e.line, e.column)} />
              {saveError && !(saveError instanceof ApiError && (saveError.status === 409 || saveError.fieldErrors.length > 0)) && (
                <Alert color="red" variant="light" role="alert" title="Not saved">{describeError(saveError)}</Alert>
              )}
              {saveErrors && saveErrors.other.length > 0 && (
                <Alert color="red" variant="light" role="alert" title="Not saved">
                  <List size="sm">{saveErrors.other.map((m) => <List.Item key={m}>{m}</List.Item>)}</List>
                </Alert>
              )}
              <Group justify="flex-end">
                <Button onClick={save} loading={saving} disabled={!dirty && !!saved}>
                  {saved ? `Save as version ${saved.version + 1}` : 'Save strategy'}
                </Button>
              </Group>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <ParametersCard parameters={parameters} warmUp={warmUp ?? null} />
            <LanguageCard />
          </Stack>
        </Grid.Col>
      </Grid>
      {saved && (
        <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title="Delete strategy?">
          <DeleteStrategy strategy={saved} onCancel={() => setConfirmDelete(false)} onDeleted={() => navigate('/strategies')} />
        </Modal>
      )}
    </Stack>
  );
}

function Status({ id, checking, tooLong, valid, errors, warmUp, failed, onGoTo }: {
  id: string; checking: boolean; tooLong: boolean; valid: boolean; errors: RuleError[]; warmUp: number | null;
  failed: unknown; onGoTo: (e: RuleError) => void;
}) {
  return (
    <div id={id} aria-live="polite">
      {tooLong ? (
        <Text size="sm" c="red.4">The rules are over {MAX_SOURCE.toLocaleString('en')} characters: shorten them to check and save.</Text>
      ) : failed ? (
        <Text size="sm" c="red.4">Could not check the rules: {describeError(failed)}</Text>
      ) : errors.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" c="red.4" fw={500}>{errors.length === 1 ? '1 problem' : `${errors.length} problems`}{checking ? ' (checking…)' : ''}</Text>
          {errors.map((e, i) => (
            <UnstyledButton key={i} onClick={() => onGoTo(e)} className="tb-rule-error">
              <Text size="sm" ff="monospace" c="red.3">Line {e.line}, column {e.column}: <Text span inherit c="gray.3">{e.message}</Text></Text>
            </UnstyledButton>
          ))}
        </Stack>
      ) : checking ? (
        <Group gap={6}><Loader size={12} /><Text size="sm" c="dimmed">Checking…</Text></Group>
      ) : valid ? (
        <Text size="sm" c="teal.4">Compiles.{warmUp !== null ? ` Warm-up: ${warmUp.toLocaleString('en')} candle${warmUp === 1 ? '' : 's'} before it can trade.` : ''}</Text>
      ) : null}
    </div>
  );
}

function ParametersCard({ parameters, warmUp }: { parameters: UserStrategy['parameters']; warmUp: number | null }) {
  const fields = useMemo(() => paramFields(parameters), [parameters]);
  const [values, setValues] = useState<Record<string, string>>({});
  const shown = { ...initialParamValues(fields), ...values };
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">Parameters</Title>
          {warmUp !== null && <Badge variant="light" color="gray">warm-up {warmUp.toLocaleString('en')} candles</Badge>}
        </Group>
        {fields.length === 0 ? (
          <Text size="sm" c="dimmed">No parameters: declare one with <code>param name: integer [min, max] = default</code>.</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={260}>
              <Table fz="sm" verticalSpacing={4} aria-label="Parameter schema">
                <Table.Thead>
                  <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Type</Table.Th><Table.Th className="tb-num">Range</Table.Th><Table.Th className="tb-num">Default</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {parameters.map((p) => (
                    <Table.Tr key={p.name}>
                      <Table.Td ff="monospace">{p.name}</Table.Td>
                      <Table.Td>{p.type}</Table.Td>
                      <Table.Td className="tb-num">{p.min ?? '−∞'} to {p.max ?? '∞'}</Table.Td>
                      <Table.Td className="tb-num">{String(p.defaultValue ?? '—')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="xs" c="dimmed">The form backtests, optimisations and bots will show:</Text>
            <StrategyParamsFields fields={fields} inputProps={(n) => ({
              value: shown[n] ?? '', onChange: (v) => setValues((old) => ({ ...old, [n]: String(v) })),
            })} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function LanguageCard() {
  return (
    <Card withBorder>
      <Stack gap={6}>
        <Title order={3} size="h5">The language</Title>
        <Text size="xs" c="dimmed">
          <code>entry:</code> and <code>exit:</code> are conditions; <code>stopLoss:</code>, <code>takeProfit:</code>,{' '}
          <code>trailingStop:</code> a fraction of the entry price. Candles: <code>open high low close volume</code>;{' '}
          <code>x[n]</code> is x n candles ago. Indicators: <code>sma ema wma rsi macd(…).signal bb(…).upper atr stoch vwap donchian</code>.
          Compare with <code>&lt; &gt; ==</code>, <code>crosses above</code>, <code>crosses below</code>; join with <code>and or not</code>.
          <code> #</code> starts a comment.
        </Text>
      </Stack>
    </Card>
  );
}

function DeleteStrategy({ strategy, onCancel, onDeleted }: { strategy: UserStrategy; onCancel: () => void; onDeleted: () => void }) {
  const remove = useDeleteStrategy();
  const refused = remove.error instanceof ApiError && remove.error.status === 409;
  return (
    <Stack>
      <Text size="sm">
        Delete <b>{strategy.name}</b> and all its versions? Backtests and optimisations that ran it keep their results.
      </Text>
      {refused ? (
        <Alert color="yellow" variant="light" role="alert" title="Not deleted: a bot uses it">
          {describeError(remove.error)} Stop or delete the bots that run {strategy.name} on the <Anchor component={Link} to="/bots" c="inherit" fw={600} underline="always">Bots</Anchor> page, then try again.
        </Alert>
      ) : remove.isError ? <Text c="red.4" size="sm" role="alert">{describeError(remove.error)}</Text> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>Keep it</Button>
        <Button color="red" loading={remove.isPending} onClick={async () => {
          try {
            await remove.mutateAsync(strategy.id);
            notifications.show({ color: 'teal', message: `${strategy.name} deleted` });
            onDeleted();
          } catch {
            // shown above
          }
        }}>Delete</Button>
      </Group>
    </Stack>
  );
}
