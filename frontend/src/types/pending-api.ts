// Routes of the engineers' brief's contracts that the committed OpenAPI document does not have yet
// (portfolio: getPortfolio, getEquity; risk: stopAllBots). Hand-written in the shape openapi-typescript
// gives, so the pages call them through the same typed client. Once the gateway's document has them
// and `npm run api:update` has run, delete this file and its use in lib/api-client.ts; the test
// beside it fails as soon as the generated types carry any of these routes.

type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type Problem = { headers: { [name: string]: unknown }; content: { 'application/problem+json': unknown } };
type Methods = { get?: never; put?: never; post?: never; delete?: never; options?: never; head?: never; patch?: never; trace?: never };
type Unused<M extends keyof Methods> = Omit<Methods, M>;

/** A decimal as the API sends it: a string. */
type Decimal = string;

export type PortfolioBalance = {
  asset: string; free: Decimal; locked: Decimal; priceUsdt: Decimal | null; valueUsdt: Decimal | null;
};
export type PortfolioBot = {
  botId: string; name: string; symbol: string; status: string; quoteAsset: string; position: Decimal;
  avgEntryPrice: Decimal | null; lastPrice: Decimal | null; realisedPnl: Decimal; unrealisedPnl: Decimal;
};
export type PortfolioAccount = {
  accountId: string; name: string; venue: string; valueUsdt: Decimal | null; unpriced: string[];
  balances: PortfolioBalance[]; bots: PortfolioBot[];
};
export type Portfolio = {
  asOf: string; totals: { valueUsdt: Decimal | null; realisedPnl: Decimal; unrealisedPnl: Decimal };
  accounts: PortfolioAccount[];
};
export type Equity = { accountId: string; from: string; to: string; points: { time: string; equityUsdt: Decimal }[] };
export type StopAllBots = {
  bots: { botId: string; name: string; stopped: boolean; cancelledOrders: number; flattenOrderId: string | null; error: string | null }[];
};

export interface PendingPaths {
  '/api/portfolio': {
    parameters: NoParameters;
  } & Unused<'get'> & {
    get: {
      parameters: NoParameters;
      requestBody?: never;
      responses: { 200: Json<Portfolio>; 401: Problem; 429: Problem };
    };
  };
  '/api/portfolio/equity': {
    parameters: NoParameters;
  } & Unused<'get'> & {
    get: {
      parameters: { query: { accountId: string; from?: string; to?: string }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: Json<Equity>; 400: Problem; 401: Problem; 404: Problem };
    };
  };
  '/api/bots/stop-all': {
    parameters: NoParameters;
  } & Unused<'post'> & {
    post: {
      parameters: NoParameters;
      requestBody: { content: { 'application/json': { flatten: boolean } } };
      responses: { 200: Json<StopAllBots>; 400: Problem; 401: Problem };
    };
  };
}

/** The paths above, for the test that says when this file has served its time. */
export const PENDING_PATHS = ['/api/portfolio', '/api/portfolio/equity', '/api/bots/stop-all'] as const;
