import { Alert, Button, Center, Stack, Text } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { describeError } from '@/lib/api-error';

/** Whatever breaks while showing a page, the user sees what happened and a way on. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Center mih="60vh" p="md">
      <Stack maw={520}>
        <Alert color={notFound ? 'yellow' : 'red'} title={notFound ? 'No such page' : 'This page failed'} role="alert">
          <Text size="sm">
            {notFound ? 'The address does not match any page of TradeBot.' : describeError(error)}
          </Text>
        </Alert>
        <Button component="a" href="/market" variant="default">Go to the market</Button>
        {!notFound && <Button onClick={() => window.location.reload()}>Reload</Button>}
      </Stack>
    </Center>
  );
}
