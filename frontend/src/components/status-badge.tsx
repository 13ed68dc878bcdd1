import { Badge } from '@mantine/core';

const colors: Record<string, string> = {
  queued: 'gray', running: 'blue', succeeded: 'teal', failed: 'red', cancelled: 'yellow',
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge color={colors[status] ?? 'gray'} variant="light">{status}</Badge>;
}
