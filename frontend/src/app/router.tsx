import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RouteError } from '@/components/route-error';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { SignUpPage } from '@/features/auth/components/sign-up-page';
import { Layout } from './layout';
import { RequireSession } from './require-session';

// Pages past sign-in load on demand, so the first load carries neither charts nor heavy pages.
const AccountsPage = lazy(() => import('@/features/accounts/components/accounts-page'));
const MarketPage = lazy(() => import('@/features/market/components/market-page'));
const BacktestsPage = lazy(() => import('@/features/backtests/components/backtests-page'));
const NewBacktestPage = lazy(() => import('@/features/backtests/components/new-backtest-page'));
const BacktestPage = lazy(() => import('@/features/backtests/components/backtest-page'));
const CompareBacktestsPage = lazy(() => import('@/features/backtests/components/compare-backtests-page'));
const OptimisationsPage = lazy(() => import('@/features/optimisations/components/optimisations-page'));
const BotsPage = lazy(() => import('@/features/bots/components/bots-page'));
const NewBotPage = lazy(() => import('@/features/bots/components/new-bot-page'));
const BotPage = lazy(() => import('@/features/bots/components/bot-page'));
const OptimisationPage = lazy(() => import('@/features/optimisations/components/optimisation-page'));
const StrategiesPage = lazy(() => import('@/features/strategies/components/strategies-page'));
const StrategyEditorPage = lazy(() => import('@/features/strategies/components/strategy-editor-page'));
const PortfolioPage = lazy(() => import('@/features/portfolio/components/portfolio-page'));
const NotificationsPage = lazy(() => import('@/features/notifications/components/notifications-page'));

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
  { path: '/sign-up', element: <SignUpPage />, errorElement: <RouteError /> },
  {
    element: <RequireSession />,
    errorElement: <RouteError />,
    children: [
      {
        element: <Layout />,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/market" replace /> },
          { path: 'accounts', element: <AccountsPage /> },
          { path: 'market', element: <MarketPage /> },
          { path: 'backtests', element: <BacktestsPage /> },
          { path: 'backtests/new', element: <NewBacktestPage /> },
          { path: 'backtests/compare', element: <CompareBacktestsPage /> },
          { path: 'backtests/:id', element: <BacktestPage /> },
          { path: 'optimisations', element: <OptimisationsPage /> },
          { path: 'optimisations/:id', element: <OptimisationPage /> },
          { path: 'bots', element: <BotsPage /> },
          { path: 'bots/new', element: <NewBotPage /> },
          { path: 'bots/:id', element: <BotPage /> },
          { path: 'strategies', element: <StrategiesPage /> },
          { path: 'strategies/new', element: <StrategyEditorPage /> },
          { path: 'strategies/:id', element: <StrategyEditorPage /> },
          { path: 'portfolio', element: <PortfolioPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: '*', element: <RouteNotFound /> },
        ],
      },
    ],
  },
]);

function RouteNotFound(): never {
  throw new Response('Not found', { status: 404 });
}
