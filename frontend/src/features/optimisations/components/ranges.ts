import Decimal from 'decimal.js';
import { isDecimal } from '@/lib/decimal';
import type { ParamField } from '@/lib/strategy-params';
import type { RangeInput } from '../api/submit-optimisation';

export type RangeMode = 'fixed' | 'range' | 'values';
export type RangeValues = { mode: RangeMode; fixed: string; min: string; max: string; step: string; values: string };

/** A first guess for each parameter: its default alone, or for a number a small range around it. */
export function initialRange(field: ParamField): RangeValues {
  const base = { mode: 'fixed' as RangeMode, fixed: field.initial, min: '', max: '', step: '', values: '' };
  if ((field.kind === 'integer' || field.kind === 'number') && field.initial !== '') {
    const d = new Decimal(field.initial);
    const step = field.kind === 'integer' ? Decimal.max(1, d.div(4).floor()) : d.div(4);
    const min = Decimal.max(field.min ?? -Infinity, d.minus(step.times(2)));
    return { ...base, min: min.toFixed(), max: d.plus(step.times(2)).toFixed(), step: step.toFixed() };
  }
  if (field.kind === 'choice') return { ...base, values: field.choices.join(', ') };
  return base;
}

export function splitValues(raw: string): string[] {
  return raw.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

/** How many values a range expands to (exactly, in decimals); null when it is not well formed. */
export function countValues(r: RangeValues): number | null {
  if (r.mode === 'fixed') return 1;
  if (r.mode === 'values') return splitValues(r.values).length || null;
  if (![r.min, r.max, r.step].every((v) => isDecimal(v.trim()))) return null;
  const min = new Decimal(r.min), max = new Decimal(r.max), step = new Decimal(r.step);
  if (step.lte(0) || max.lt(min)) return null;
  return max.minus(min).div(step).floor().toNumber() + 1;
}

/** Grid size: the product of every parameter's count. */
export function gridSize(ranges: Record<string, RangeValues>): number | null {
  let total = 1;
  for (const r of Object.values(ranges)) {
    const n = countValues(r);
    if (n === null) return null;
    total *= n;
  }
  return total;
}

export function rangeError(field: ParamField, r: RangeValues): string | null {
  if (r.mode === 'values') {
    if (splitValues(r.values).length === 0) return 'List at least one value';
    if (field.kind === 'choice') {
      const bad = splitValues(r.values).find((v) => !field.choices.includes(v));
      return bad ? `${bad} is not one of ${field.choices.join(', ')}` : null;
    }
    return splitValues(r.values).every(isDecimal) ? null : 'Numbers separated by commas';
  }
  if (r.mode === 'range') {
    if (![r.min, r.max, r.step].every((v) => isDecimal(v.trim()))) return 'Min, max and step must be numbers';
    if (new Decimal(r.step).lte(0)) return 'Step must be above 0';
    if (new Decimal(r.max).lt(r.min)) return 'Max must not be below min';
    if (field.kind === 'integer' && ![r.min, r.step].every((v) => /^-?\d+$/.test(v.trim()))) return 'Whole min and step for a whole-number parameter';
  }
  return null;
}

/** Splits the form's rows into the request's fixed params and its ranges. */
export function toRequest(fields: readonly ParamField[], ranges: Record<string, RangeValues>):
    { params: Record<string, string | number>; ranges: Record<string, RangeInput> } {
  const params: Record<string, string | number> = {};
  const out: Record<string, RangeInput> = {};
  for (const f of fields) {
    const r = ranges[f.name];
    if (!r) continue;
    const numeric = f.kind === 'integer' || f.kind === 'number';
    if (r.mode === 'fixed') {
      if (r.fixed.trim() !== '') params[f.name] = numeric ? Number(r.fixed) : r.fixed.trim();
    } else if (r.mode === 'values') {
      out[f.name] = { values: splitValues(r.values).map((v) => (numeric ? Number(v) : v)) };
    } else {
      out[f.name] = { min: r.min.trim(), max: r.max.trim(), step: r.step.trim() };
    }
  }
  return { params, ranges: out };
}
