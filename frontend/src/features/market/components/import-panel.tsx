import { Alert, Button, FileButton, Group, List, Progress, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiError, describeError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/format';
import { useImportCandles } from '../api/import-candles';

/** CSV import by file picker: upload progress, then what was stored or every bad line. */
export function ImportPanel({ symbol, interval }: { symbol: string; interval: string }) {
  const importer = useImportCandles();
  const [progress, setProgress] = useState(0);
  const [file, setFile] = useState<File | null>(null);

  const start = (picked: File | null) => {
    if (!picked) return;
    setFile(picked);
    setProgress(0);
    importer.mutate({ symbol, interval, file: picked, onProgress: setProgress });
  };

  const error = importer.error;
  const lineErrors = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="nowrap">
        <FileButton onChange={start} accept=".csv,text/csv" disabled={!symbol || importer.isPending}>
          {(props) => (
            <Button {...props} loading={importer.isPending} disabled={!symbol} style={{ flexShrink: 0 }}>
              Import CSV…
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          into <b>{symbol || '—'}</b> {interval}: <code>open_time,open,high,low,close,volume</code> or a Binance dump
        </Text>
      </Group>
      {importer.isPending && (
        <Stack gap={4}>
          <Progress value={progress * 100} animated striped aria-label="Upload progress" />
          <Text size="xs" c="dimmed">
            {progress < 1 ? `Uploading ${file?.name} (${Math.round(progress * 100)} %)` : 'Checking and storing candles…'}
          </Text>
        </Stack>
      )}
      {importer.isSuccess && (
        <Alert color="teal" variant="light" title={`Imported ${file?.name ?? 'the file'}`} withCloseButton onClose={() => importer.reset()}>
          {importer.data.rows.toLocaleString('en')} rows: {importer.data.imported.toLocaleString('en')} new,{' '}
          {importer.data.alreadyStored.toLocaleString('en')} already stored
          {importer.data.supersededByExchange > 0 && (
            <>, {importer.data.supersededByExchange.toLocaleString('en')} where the exchange's candles are shown instead</>
          )}
          {importer.data.first && <> · {formatDateTime(importer.data.first)} → {formatDateTime(importer.data.last)}</>}
        </Alert>
      )}
      {importer.isError && (
        <Alert color="red" variant="light" title={lineErrors.length > 0 ? `Nothing imported: ${lineErrors.length === 100 ? '100 or more' : lineErrors.length} bad line${lineErrors.length === 1 ? '' : 's'}` : 'Import failed'}
          role="alert" withCloseButton onClose={() => importer.reset()}>
          {lineErrors.length === 0 ? (
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{describeError(error)}</Text>
              {error instanceof ApiError && error.retryable && file && (
                <Button size="xs" variant="white" color="red" onClick={() => start(file)}>Retry</Button>
              )}
            </Group>
          ) : (
            <ScrollArea.Autosize mah={180}>
              <List size="sm" spacing={2}>
                {lineErrors.map((e, i) => <List.Item key={i}><b>{e.field}</b>: {e.message}</List.Item>)}
              </List>
            </ScrollArea.Autosize>
          )}
        </Alert>
      )}
    </Stack>
  );
}
