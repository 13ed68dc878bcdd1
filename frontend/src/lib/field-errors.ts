import { ApiError, type FieldProblem } from './api-error';

export type FieldErrorMap = Record<string, string>;

/**
 * Splits a problem's field errors into those a form can show next to one of its fields (by the
 * field's path, e.g. "sizing.value" or "params.fast") and the rest, shown above the form.
 * Several messages for one field are joined into one line.
 */
export function mapFieldErrors(
  problems: FieldProblem[],
  isFormField: (path: string) => boolean,
  rename: (field: string) => string = (f) => f,
): { fields: FieldErrorMap; other: string[] } {
  const fields: FieldErrorMap = {};
  const other: string[] = [];
  for (const problem of problems) {
    const path = rename(problem.field);
    if (isFormField(path)) {
      fields[path] = fields[path] ? `${fields[path]}; ${problem.message}` : problem.message;
    } else {
      other.push(problem.field ? `${problem.field}: ${problem.message}` : problem.message);
    }
  }
  return { fields, other };
}

/** True when the path names a value in the object (dots walk into nested objects). */
export function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in (node as Record<string, unknown>))) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

/** The errors of a failed submit for a form whose values are `values`. */
export function formErrorsOf(
  error: unknown,
  values: unknown,
  rename?: (field: string) => string,
): { fields: FieldErrorMap; other: string[] } {
  if (!(error instanceof ApiError)) return { fields: {}, other: [] };
  return mapFieldErrors(error.fieldErrors, (path) => hasPath(values, path), rename);
}
