import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormAlert } from '@/components/form-alert';
import { formErrorsOf } from '@/lib/field-errors';
import type { Account } from '@/api/list-accounts';
import { useUpdateAccount } from '../api/update-account';
import { dailyLossLimitBody, dailyLossLimitError, describeDailyLossLimit, NO_LIMIT } from './daily-loss-limit';

/** Sets or removes the account's daily loss limit (PATCH dailyLossLimitQuote; "0" removes it). */
export function DailyLossLimitForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const update = useUpdateAccount();
  const current = describeDailyLossLimit(account.dailyLossLimitQuote);
  const form = useForm({
    initialValues: { dailyLossLimitQuote: current === 'none' ? '' : (account.dailyLossLimitQuote ?? '') },
    validate: { dailyLossLimitQuote: dailyLossLimitError },
  });
  const { other } = formErrorsOf(update.error, form.values);
  const send = async (dailyLossLimitQuote: string) => {
    try {
      await update.mutateAsync({ id: account.id, dailyLossLimitQuote });
      onDone();
    } catch (e) {
      form.setErrors(formErrorsOf(e, form.values).fields);
    }
  };
  return (
    <form noValidate onSubmit={form.onSubmit((values) => send(dailyLossLimitBody(values.dailyLossLimitQuote)))}>
      <Stack gap="sm">
        <Text size="sm">
          When the bots on <b>{account.name}</b> have lost this much together since 00:00 UTC (realised and unrealised,
          in their quote asset, e.g. USDT), each stops at its next candle and cancels its orders.
        </Text>
        <FormAlert error={update.error} other={other} />
        <TextInput label="Daily loss limit" description={`Now: ${current}`} inputMode="decimal" autoComplete="off"
          spellCheck={false} placeholder="250" data-autofocus classNames={{ input: 'tb-num' }}
          {...form.getInputProps('dailyLossLimitQuote')} />
        <Group justify="space-between">
          {current !== 'none' ? (
            <Button variant="subtle" color="red" loading={update.isPending && update.variables?.dailyLossLimitQuote === NO_LIMIT}
              onClick={() => send(NO_LIMIT)}>Remove limit</Button>
          ) : <span />}
          <Group gap="xs">
            <Button variant="default" onClick={onDone}>Cancel</Button>
            <Button type="submit" loading={update.isPending && update.variables?.dailyLossLimitQuote !== NO_LIMIT}>Save limit</Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
