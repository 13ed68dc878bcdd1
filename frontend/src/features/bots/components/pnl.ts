import { dec, formatDecimal, signOf } from '@/lib/decimal';

const QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'EUR', 'GBP', 'TRY', 'BRL', 'BTC', 'ETH', 'BNB', 'USD'];

/** The quote asset of a symbol ("BTCUSDT" → "USDT"); "" when none of the usual quotes ends it. */
export function quoteOf(symbol: string): string {
  return QUOTES.find((q) => symbol.endsWith(q) && symbol.length > q.length) ?? '';
}

/** The base asset of a symbol ("BTCUSDT" → "BTC"); the symbol itself when its quote is unknown. */
export function baseOf(symbol: string): string {
  const quote = quoteOf(symbol);
  return quote ? symbol.slice(0, -quote.length) : symbol;
}

/** Realised plus unrealised, exactly. */
export function totalPnl(realized: string | null | undefined, unrealized: string | null | undefined): string | null {
  if (realized == null && unrealized == null) return null;
  return dec(realized ?? '0').plus(unrealized ?? '0').toFixed();
}

/** The position as text: "0.01234 BTC at 25,000.00", or "Flat" (dust counts as flat, as the server says). */
export function formatPosition(position: { quantity: string; averageEntryPrice?: string | null | undefined; flat: boolean },
    symbol: string): string {
  if (position.flat) return signOf(position.quantity) === 0 ? 'Flat' : `Flat (dust ${dec(position.quantity).toFixed()} ${baseOf(symbol)})`;
  const at = position.averageEntryPrice ? ` at ${formatDecimal(position.averageEntryPrice, 2)}` : '';
  return `${dec(position.quantity).toFixed()} ${baseOf(symbol)}${at}`;
}
