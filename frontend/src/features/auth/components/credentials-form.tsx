import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormAlert } from '@/components/form-alert';
import { formErrorsOf } from '@/lib/field-errors';
import type { LoginInput } from '../api/login';

export function CredentialsForm({ submitLabel, onSubmit, pending, error, newPassword }: {
  submitLabel: string;
  onSubmit: (values: LoginInput) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  newPassword?: boolean;
}) {
  const form = useForm<LoginInput>({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an email address'),
      password: (v) => (newPassword && v.length < 10 ? 'At least 10 characters' : v === '' ? 'Enter your password' : null),
    },
  });
  const { other } = formErrorsOf(error, form.values);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        try {
          await onSubmit({ email: values.email.trim(), password: values.password });
        } catch (e) {
          form.setErrors(formErrorsOf(e, values).fields);
        }
      })}
    >
      <Stack gap="sm">
        <FormAlert error={error} other={other} />
        <TextInput label="Email" type="email" autoComplete="email" required {...form.getInputProps('email')} />
        <PasswordInput
          label="Password"
          autoComplete={newPassword ? 'new-password' : 'current-password'}
          description={newPassword ? 'At least 10 characters' : undefined}
          required
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={pending} fullWidth mt="xs">{submitLabel}</Button>
      </Stack>
    </form>
  );
}
