import { Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormAlert } from '@/components/form-alert';
import { formErrorsOf } from '@/lib/field-errors';
import type { Account } from '@/api/list-accounts';
import { useUpdateAccount } from '../api/update-account';
import { keyError } from './create-account-form';

/** Rename, or (mode "keys") replace both keys of a Binance account. */
export function EditAccountForm({ account, mode, onDone }: { account: Account; mode: 'rename' | 'keys'; onDone: () => void }) {
  const update = useUpdateAccount();
  const form = useForm({
    initialValues: { name: account.name, apiKey: '', apiSecret: '' },
    validate: mode === 'rename'
      ? { name: (v: string) => (v.trim() === '' ? 'Give the account a name' : null) }
      : { apiKey: keyError, apiSecret: keyError },
  });
  const { other } = formErrorsOf(update.error, form.values);
  return (
    <form noValidate onSubmit={form.onSubmit(async (values) => {
      try {
        await update.mutateAsync(mode === 'rename'
          ? { id: account.id, name: values.name.trim() }
          : { id: account.id, apiKey: values.apiKey, apiSecret: values.apiSecret });
        onDone();
      } catch (e) {
        form.setErrors(formErrorsOf(e, values).fields);
      }
    })}>
      <Stack gap="sm">
        <FormAlert error={update.error} other={other} />
        {mode === 'rename' ? (
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        ) : (
          <>
            <TextInput label="New API key" autoComplete="off" spellCheck={false} required data-autofocus
              {...form.getInputProps('apiKey')} />
            <PasswordInput label="New API secret" autoComplete="off" required {...form.getInputProps('apiSecret')} />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>Cancel</Button>
          <Button type="submit" loading={update.isPending}>{mode === 'rename' ? 'Rename' : 'Replace keys'}</Button>
        </Group>
      </Stack>
    </form>
  );
}
