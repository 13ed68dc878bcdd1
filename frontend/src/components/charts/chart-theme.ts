import { ColorType, type DeepPartial, type ChartOptions } from 'lightweight-charts';

export const UP = '#26a69a';
export const DOWN = '#ef5350';

export const chartOptions: DeepPartial<ChartOptions> = {
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
