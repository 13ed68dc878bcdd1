import { Alert, List } from '@mantine/core';
import { ApiError, describeError } from '@/lib/api-error';

/**
 * The part of a failed submit no field can show: the problem's detail and any field errors that
 * name no field of the form. Field errors themselves go next to their fields.
 */
export function FormAlert({ error, other }: { error: unknown; other: string[] }) {
  if (!error) return null;
  const fieldsShown = error instanceof ApiError && error.fieldErrors.length > 0 && other.length === 0;
  return (
    <Alert color="red" variant="light" role="alert" title={fieldsShown ? 'Check the highlighted fields' : 'Not saved'}>
      {!fieldsShown && describeError(error)}
      {other.length > 0 && (
        <List size="sm" mt={4}>
          {other.map((line) => <List.Item key={line}>{line}</List.Item>)}
        </List>
      )}
    </Alert>
  );
}
