import { ActionIcon, Button, Group, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormAlert } from '@/components/form-alert';
import { isDecimal } from '@/lib/decimal';
import { formErrorsOf } from '@/lib/field-errors';
import { useCreateAccount, type CreateAccountInput } from '../api/create-account';

type Kind = 'paper' | 'binance' | 'binance-testnet';
type Values = { name: string; kind: Kind; apiKey: string; apiSecret: string; balances: { asset: string; amount: string }[] };

const KEY_PATTERN = /^[A-Za-z0-9]{16,128}$/;

export function CreateAccountForm({ onDone }: { onDone: () => void }) {
  const create = useCreateAccount();
  const form = useForm<Values>({
    initialValues: { name: '', kind: 'paper', apiKey: '', apiSecret: '', balances: [{ asset: 'USDT', amount: '10000' }] },
    validate: {
      name: (v) => (v.trim() === '' ? 'Give the account a name' : null),
      apiKey: (v, values) => (values.kind === 'paper' ? null : keyError(v)),
      apiSecret: (v, values) => (values.kind === 'paper' ? null : keyError(v)),
      balances: {
        asset: (v, values) => (values.kind === 'paper' && !/^[A-Z0-9]{2,20}$/.test(v.trim().toUpperCase()) ? 'An asset like USDT' : null),
        amount: (v, values) => (values.kind === 'paper' && !(isDecimal(v.trim()) && !v.trim().startsWith('-')) ? 'A positive amount like 10000' : null),
      },
    },
  });
  const { other } = formErrorsOf(create.error, form.values);

  const submit = form.onSubmit(async (values) => {
    const input: CreateAccountInput = values.kind === 'paper'
      ? { name: values.name.trim(), kind: 'paper',
          balances: Object.fromEntries(values.balances.map((b) => [b.asset.trim().toUpperCase(), b.amount.trim()])) }
      : { name: values.name.trim(), kind: values.kind, apiKey: values.apiKey, apiSecret: values.apiSecret };
    try {
      await create.mutateAsync(input);
      onDone();
    } catch (e) {
      form.setErrors(formErrorsOf(e, values, (f) => (f.startsWith('balances.') ? 'balances' : f)).fields);
    }
  });

  const paper = form.values.kind === 'paper';
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert error={create.error} other={other} />
        <TextInput label="Name" placeholder="Main paper" required data-autofocus {...form.getInputProps('name')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="kind-label">Kind</Text>
          <SegmentedControl
            aria-labelledby="kind-label"
            data={[
              { value: 'paper', label: 'Paper' },
              { value: 'binance-testnet', label: 'Binance testnet' },
              { value: 'binance', label: 'Binance' },
            ]}
            {...form.getInputProps('kind')}
          />
        </Stack>
        {paper ? (
          <Stack gap={6}>
            <Text size="sm" fw={500}>Starting balances</Text>
            {form.values.balances.map((_, i) => (
              <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput aria-label={`Asset ${i + 1}`} w={110} placeholder="USDT" {...form.getInputProps(`balances.${i}.asset`)} />
                <TextInput aria-label={`Amount ${i + 1}`} style={{ flex: 1 }} placeholder="10000" inputMode="decimal"
                  {...form.getInputProps(`balances.${i}.amount`)} />
                <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Remove balance ${i + 1}`}
                  disabled={form.values.balances.length === 1} onClick={() => form.removeListItem('balances', i)}>
                  ×
                </ActionIcon>
              </Group>
            ))}
            {typeof form.errors.balances === 'string' && <Text size="xs" c="red.4">{form.errors.balances}</Text>}
            <Button variant="subtle" size="xs" w="fit-content" onClick={() => form.insertListItem('balances', { asset: '', amount: '' })}>
              + Add an asset
            </Button>
          </Stack>
        ) : (
          <>
            <TextInput label="API key" autoComplete="off" spellCheck={false} required
              description="Stored encrypted; only its last four characters are shown afterwards."
              {...form.getInputProps('apiKey')} />
            <PasswordInput label="API secret" autoComplete="off" required {...form.getInputProps('apiSecret')} />
          </>
        )}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={create.isPending}>Create account</Button>
        </Group>
      </Stack>
    </form>
  );
}

export function keyError(value: string): string | null {
  if (value === '') return 'Required';
  if (/\s/.test(value)) return 'Contains spaces or line breaks: paste the key alone';
  if (!KEY_PATTERN.test(value)) return 'Letters and digits only, 16 to 128 of them';
  return null;
}
