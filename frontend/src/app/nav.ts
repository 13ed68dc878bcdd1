// The sidebar, in order. A page that lands adds its entry here (portfolio, webhooks).
export type NavEntry = { to: string; label: string; description: string };

export const nav: NavEntry[] = [
  { to: '/market', label: 'Market', description: 'Candles, imports, watches' },
  { to: '/backtests', label: 'Backtests', description: 'Strategies on history' },
  { to: '/optimisations', label: 'Optimisations', description: 'Parameter searches' },
  { to: '/bots', label: 'Bots', description: 'Paper and live trading' },
  { to: '/accounts', label: 'Accounts', description: 'Exchange and paper accounts' },
];
