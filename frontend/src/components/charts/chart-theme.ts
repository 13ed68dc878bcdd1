import { ColorType, type DeepPartial, type ChartOptions } from 'lightweight-charts';

export const UP = '#26a69a';
export const DOWN = '#ef5350';

/**
 * The price axis and its labels as the tables write numbers: thousands grouped ("93,354.22", not
 * "93354.22"), whole above 10,000 so the axis stays narrow, six significant digits below 1.
 */
export function formatAxisPrice(price: number): string {
  const size = Math.abs(price);
  if (size >= 10_000) return price.toLocaleString('en', { maximumFractionDigits: 2, minimumFractionDigits: 0 });
  if (size >= 1) return price.toLocaleString('en', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  return price.toLocaleString('en', { maximumSignificantDigits: 6 });
}

export const chartOptions: DeepPartial<ChartOptions> = {
  localization: { priceFormatter: formatAxisPrice },
  autoSize: true,
  layout: {
    background: { type: ColorType.Solid, color: '#141517' },
    textColor: '#a6a7ab',
    fontSize: 12,
    attributionLogo: false,
  },
  grid: {
    vertLines: { color: 'rgba(255,255,255,0.04)' },
    horzLines: { color: 'rgba(255,255,255,0.04)' },
  },
  rightPriceScale: { borderColor: '#2c2e33' },
  timeScale: { borderColor: '#2c2e33', timeVisible: true, secondsVisible: false },
  crosshair: { mode: 0 },
};
