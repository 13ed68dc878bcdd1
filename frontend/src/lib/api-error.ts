import { z } from 'zod';

export const ProblemSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().nullish(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).nullish(),
});

export type FieldProblem = { field: string; message: string };

/** An answer of the API that is not a success: a problem+json, or no answer at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | null;
  readonly fieldErrors: FieldProblem[];

  constructor(status: number, title: string, detail: string | null, fieldErrors: FieldProblem[] = []) {
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
  }

  /** 0: the request never got an answer (network down, server stopped). */
  get isNetwork() {
    return this.status === 0;
  }

  get isServer() {
    return this.status >= 500;
  }

  /** Worth offering a retry: nothing the user typed is wrong. */
  get retryable() {
    return this.isNetwork || this.isServer || this.status === 429;
  }

  static fromProblem(status: number, body: unknown): ApiError {
    const problem = ProblemSchema.safeParse(body);
    if (!problem.success) {
      return new ApiError(status, statusTitle(status), null);
    }
    const p = problem.data;
    return new ApiError(status, p.title ?? statusTitle(status), p.detail ?? null, p.errors ?? []);
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, 'No answer from the server',
      'The server could not be reached. Check your connection, then try again.');
    error.cause = cause;
    return error;
  }
}

function statusTitle(status: number): string {
  if (status >= 500) return `The server failed (${status})`;
  if (status === 429) return 'Too many requests';
  return `Request failed (${status})`;
}

/** What to tell the user about an error, in one sentence. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isServer) return `The server failed (${error.status}). Nothing was changed by the failed request; try again.`;
    if (error.status === 429) return 'Too many requests in a short time. Wait a moment, then try again.';
    return error.detail ?? error.title;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
