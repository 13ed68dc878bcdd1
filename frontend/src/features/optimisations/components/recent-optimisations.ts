import { getSession } from '@/lib/session';

// The API lists no optimisations, so this browser remembers the ones its user submitted.
const key = () => `tradebot.optimisations.${getSession()?.email ?? ''}`;

export type RecentOptimisation = { id: string; strategy: string; symbol: string; interval: string; at: string };

export function recentOptimisations(): RecentOptimisation[] {
  try {
    return JSON.parse(localStorage.getItem(key()) ?? '[]') as RecentOptimisation[];
  } catch {
    return [];
  }
}

export function rememberOptimisation(entry: RecentOptimisation) {
  localStorage.setItem(key(), JSON.stringify([entry, ...recentOptimisations().filter((e) => e.id !== entry.id)].slice(0, 50)));
}
