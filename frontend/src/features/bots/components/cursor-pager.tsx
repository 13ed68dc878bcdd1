import { Button, Group, Text } from '@mantine/core';
import { pageIndex, rowRange, type CursorPages } from './cursor-pages';

/** Previous / next under a table paged by cursors, with the rows shown. */
export function CursorPager({ state, size, shown, nextCursor, onPrevious, onNext, what, order = 'oldest first' }: {
  state: CursorPages; size: number; shown: number; nextCursor: string | null | undefined;
  onPrevious: () => void; onNext: () => void; what: string; order?: string;
}) {
  return (
    <Group justify="space-between" mt="xs">
      <Text size="xs" c="dimmed">{rowRange(state, size, shown)} of the {what}, {order}</Text>
      <Group gap="xs">
        <Button size="xs" variant="default" disabled={pageIndex(state) === 0} onClick={onPrevious}
          aria-label={`Previous page of ${what}`}>Previous</Button>
        <Button size="xs" variant="default" disabled={!nextCursor} onClick={onNext}
          aria-label={`Next page of ${what}`}>Next</Button>
      </Group>
    </Group>
  );
}
