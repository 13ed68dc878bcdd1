import { AppShell, Box, Burger, Button, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router';
import { PageLoader } from '@/components/page-loader';
import { useSignOut } from '@/features/auth/api/logout';
import { useSession } from '@/lib/session';
import { nav } from './nav';

export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Logo />
            <Title order={1} size="h4" fw={700}>TradeBot</Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed" visibleFrom="xs">{session?.email}</Text>
            <Button variant="default" size="xs" onClick={() => signOut.mutate()} loading={signOut.isPending}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <ScrollArea>
          {nav.map((entry) => (
            <NavLink
              key={entry.to}
              component={RouterLink}
              to={entry.to}
              label={entry.label}
              description={entry.description}
              active={location.pathname.startsWith(entry.to)}
              onClick={close}
              variant="light"
              styles={{ description: { color: 'var(--mantine-color-dark-0)' } }}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Box component="div" maw={1600} mx="auto">
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function Logo() {
  return (
    <svg width="26" height="26" viewBox="0 0 16 16" aria-hidden="true">
      <rect width="16" height="16" rx="3" fill="#12b886" />
      <path d="M3 11l3-4 3 2 4-5" stroke="#fff" strokeWidth="1.6" fill="none" />
    </svg>
  );
}
