import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ParameterSchema } from '@/api/list-strategies';
import { api, call } from '@/lib/api-client';

export const RuleErrorSchema = z.object({ line: z.number(), column: z.number(), message: z.string() });
export type RuleError = z.infer<typeof RuleErrorSchema>;

export const ValidationSchema = z.object({
  valid: z.boolean(),
  errors: z.array(RuleErrorSchema),
  parameters: z.array(ParameterSchema).nullish(),
  warmUp: z.number().nullish(),
});
export type Validation = z.infer<typeof ValidationSchema>;

export function validateStrategy(source: string, signal?: AbortSignal) {
  return call(api.POST('/api/strategies/validate', { body: { source }, ...(signal ? { signal } : {}) }), ValidationSchema);
}

/**
 * The compiler's verdict on `source` (already debounced by the caller): errors at their line and
 * column, or the parameter schema and warm-up. The last verdict stays shown while the next is asked.
 */
export function useValidation(source: string) {
  return useQuery({
    queryKey: ['strategy-validation', source],
    queryFn: ({ signal }) => validateStrategy(source, signal),
    enabled: source.trim() !== '',
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    retry: false,
  });
}
