import { Anchor, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function AuthCard({ title, children, footer }: {
  title: string; children: React.ReactNode; footer: { text: string; link: string; to: string };
}) {
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="md" p="xl" w={400} radius="md">
        <Stack gap="md">
          <Stack gap={2}>
            <Text fw={700} c="blue.3" size="sm" tt="uppercase" style={{ letterSpacing: 1 }}>TradeBot</Text>
            <Title order={1} size="h2">{title}</Title>
          </Stack>
          {children}
          <Text size="sm" c="dimmed">
            {footer.text}{' '}
            <Anchor component={Link} to={footer.to}>{footer.link}</Anchor>
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
