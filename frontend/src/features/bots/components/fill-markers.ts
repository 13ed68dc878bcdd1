import type { Candle } from '@/api/get-candles';
import type { TradeMarker } from '@/components/charts/candle-chart';
import { dec } from '@/lib/decimal';

type Fill = { side: 'BUY' | 'SELL'; price: string; quantity: string; commission: string; commissionAsset: string; time: string };

/**
 * The open time of the candle a moment falls in: the last candle opening at or before it (null
 * when it is before the first). Candles are in time order.
 */
export function candleOf(candles: readonly Candle[], time: string): string | null {
  const t = Date.parse(time);
  let lo = 0;
  let hi = candles.length - 1;
  let found: string | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const open = Date.parse(candles[mid]!.openTime);
    if (open <= t) {
      found = candles[mid]!.openTime;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * One marker per fill on the candle it happened in: buys as entries, sells as exits, green when the
 * sell's price beat the average cost of what was held (exact decimals; base-asset commissions
 * reduce what was bought), red otherwise. A fill before the first candle shown gets no marker.
 */
export function fillMarkers(fills: readonly Fill[], candles: readonly Candle[], base: string): TradeMarker[] {
  let held = dec(0);
  let cost = dec(0);
  const out: TradeMarker[] = [];
  for (const f of fills) {
    const qty = dec(f.quantity);
    const price = dec(f.price);
    let win: boolean | undefined;
    if (f.side === 'BUY') {
      const net = f.commissionAsset === base ? qty.minus(f.commission) : qty;
      const fee = f.commissionAsset === base ? dec(0) : dec(f.commission);
      cost = cost.plus(qty.times(price)).plus(fee);
      held = held.plus(net);
    } else {
      const average = held.isZero() ? price : cost.div(held);
      win = price.gt(average);
      const sold = qty.gt(held) ? held : qty;
      cost = held.isZero() ? dec(0) : cost.minus(average.times(sold));
      held = held.minus(sold);
    }
    const time = candleOf(candles, f.time);
    if (time === null) continue;
    out.push(f.side === 'BUY'
      ? { time, kind: 'entry', text: 'B' }
      : { time, kind: 'exit', text: 'S', ...(win !== undefined ? { win } : {}) });
  }
  return out;
}
