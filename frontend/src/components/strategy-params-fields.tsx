import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { ParamField } from '@/lib/strategy-params';

type InputProps = { value?: unknown; onChange: (v: unknown) => void; error?: React.ReactNode };

/** The inputs of a strategy's parameters, generated from its schema. */
export function StrategyParamsFields({ fields, inputProps }: {
  fields: readonly ParamField[];
  inputProps: (name: string) => InputProps;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="sm">
      {fields.map((f) => {
        const props = inputProps(f.name);
        const value = typeof props.value === "string" ? props.value : "";
        const description = [f.description, boundsOf(f)].filter(Boolean).join(' ');
        if (f.kind === 'choice' || f.kind === 'boolean') {
          const data = f.kind === 'choice' ? f.choices : ['true', 'false'];
          return (
            <Select key={f.name} label={f.label} description={description} data={data} required={f.required}
              allowDeselect={!f.required} clearable={!f.required} value={value || null}
              onChange={(v) => props.onChange(v ?? '')} error={props.error} />
          );
        }
        return (
          <TextInput key={f.name} label={f.label} description={description} required={f.required}
            inputMode={f.kind === 'integer' ? 'numeric' : 'decimal'}
            placeholder={f.required ? undefined : 'optional'}
            value={value} onChange={(e) => props.onChange(e.currentTarget.value)} error={props.error} />
        );
      })}
    </SimpleGrid>
  );
}

function boundsOf(f: ParamField): string {
  if (f.kind !== 'integer' && f.kind !== 'number') return '';
  if (f.min !== null && f.max !== null) return `(${f.min} to ${f.max})`;
  if (f.min !== null) return `(at least ${f.min})`;
  if (f.max !== null) return `(at most ${f.max})`;
  return '';
}
