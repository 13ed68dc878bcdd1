import { Alert, Button, Group, Text } from '@mantine/core';
import { ApiError, describeError } from '@/lib/api-error';

/** A failed load: what went wrong in words, and a retry when trying again may help. */
export function QueryError({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what?: string }) {
  const retryable = !(error instanceof ApiError) || error.retryable;
  return (
    <Alert color="red" variant="light" title={what ? `Could not load ${what}` : 'Something went wrong'} role="alert">
      <Group justify="space-between" align="center" wrap="nowrap">
        <Text size="sm">{describeError(error)}</Text>
        {onRetry && retryable && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>Retry</Button>
        )}
      </Group>
    </Alert>
  );
}
