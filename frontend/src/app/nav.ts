// The sidebar, in order. A page that lands adds its entry here.
export type NavEntry = { to: string; label: string; description: string };

export const nav: NavEntry[] = [
  { to: '/market', label: 'Market', description: 'Candles, imports, watches' },
  { to: '/strategies', label: 'Strategies', description: 'Your own rules, the built-ins' },
  { to: '/backtests', label: 'Backtests', description: 'Strategies on history' },
  { to: '/optimisations', label: 'Optimisations', description: 'Parameter searches' },
  { to: '/bots', label: 'Bots', description: 'Paper and live trading' },
  { to: '/portfolio', label: 'Portfolio', description: 'Balances, PnL, kill switch' },
  { to: '/accounts', label: 'Accounts', description: 'Exchange and paper accounts' },
  { to: '/notifications', label: 'Notifications', description: 'Webhooks and Telegram' },
];
