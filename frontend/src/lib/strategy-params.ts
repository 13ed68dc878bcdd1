import { dec, isDecimal } from './decimal';

/** A strategy parameter as GET /api/strategies describes it. */
export type ParameterSpec = {
  name: string;
  /** The server's label for the parameter; its name is read as words when there is none. */
  label?: string | null;
  type: string;
  min?: number | null;
  max?: number | null;
  defaultValue?: unknown;
  description?: string | null;
  choices?: string[] | null;
};

export type ParamField =
  | { kind: 'integer' | 'number'; name: string; label: string; description: string; required: boolean;
      initial: string; min: number | null; max: number | null; step: number }
  | { kind: 'choice'; name: string; label: string; description: string; required: boolean; initial: string;
      choices: string[] }
  | { kind: 'boolean'; name: string; label: string; description: string; required: boolean; initial: string };

/** Only when the server gives no label: "stopLoss" → "Stop loss", "amountPerLevel" → "Amount per level". */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One form field per parameter: its kind from the schema's type, bounds, default and help text. */
export function paramFields(params: readonly ParameterSpec[]): ParamField[] {
  return params.map((p) => {
    const base = {
      name: p.name,
      label: p.label || labelOf(p.name),
      description: p.description ?? '',
      required: p.defaultValue !== null && p.defaultValue !== undefined,
      initial: p.defaultValue === null || p.defaultValue === undefined ? '' : String(p.defaultValue),
    };
    if ((p.choices && p.choices.length > 0) || p.type === 'enum') {
      return { ...base, kind: 'choice' as const, choices: p.choices ?? [] };
    }
    if (p.type === 'boolean') return { ...base, kind: 'boolean' as const };
    const integer = p.type === 'integer';
    return {
      ...base,
      kind: integer ? ('integer' as const) : ('number' as const),
      min: p.min ?? null,
      max: p.max ?? null,
      step: integer ? 1 : stepFor(p.min ?? null, p.max ?? null),
    };
  });
}

function stepFor(min: number | null, max: number | null): number {
  if (min !== null && max !== null && max - min <= 1) return 0.01;
  return 0.1;
}

export function initialParamValues(fields: readonly ParamField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.name, f.initial]));
}

/** The error of one raw value against its field, as the server would say it; null when fine. */
export function validateParam(field: ParamField, raw: string): string | null {
  const value = raw.trim();
  if (value === '') return field.required ? 'Required' : null;
  switch (field.kind) {
    case 'choice':
      return field.choices.includes(value) ? null : `Must be one of ${field.choices.join(', ')}`;
    case 'boolean':
      return value === 'true' || value === 'false' ? null : 'Must be true or false';
    case 'integer':
    case 'number': {
      if (field.kind === 'integer' ? !/^-?\d+$/.test(value) : !isDecimal(value)) {
        return field.kind === 'integer' ? 'Must be a whole number' : 'Must be a number';
      }
      if (field.min !== null && dec(value).lt(field.min)) return `Must be at least ${field.min}`;
      if (field.max !== null && dec(value).gt(field.max)) return `Must be at most ${field.max}`;
      return null;
    }
  }
}

/** The `params` object of a request: typed values, optional empty fields left out. */
export function toRequestParams(fields: readonly ParamField[], values: Record<string, string>):
    Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const field of fields) {
    const raw = (values[field.name] ?? '').trim();
    if (raw === '') continue;
    if (field.kind === 'integer') out[field.name] = Number.parseInt(raw, 10);
    else if (field.kind === 'number') out[field.name] = Number(raw);
    else if (field.kind === 'boolean') out[field.name] = raw === 'true';
    else out[field.name] = raw;
  }
  return out;
}

/** A strategy as GET /api/strategies lists it, as far as its parameters' labels go. */
type LabelledStrategy = { reference: string; kind: string; id?: string | null; parameters: readonly ParameterSpec[] };

/**
 * The labels of the parameters of the strategy a run kept (`reference`: a built-in's name, or
 * user:<id>@<version>), from the strategies listed now: that reference's, else the current version of the
 * same own strategy. A parameter none of them has (or before the list is read) shows its name.
 */
export function paramLabels(strategies: readonly LabelledStrategy[] | undefined, reference: string): Record<string, string> {
  const list = strategies ?? [];
  const own = /^user:([^@]+)@/.exec(reference)?.[1];
  const strategy = list.find((s) => s.reference === reference)
    ?? (own === undefined ? undefined : list.find((s) => s.kind === 'user' && s.id === own));
  return Object.fromEntries(paramFields(strategy?.parameters ?? []).map((f) => [f.name, f.label]));
}
