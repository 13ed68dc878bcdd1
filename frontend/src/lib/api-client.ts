import createClient, { type Middleware } from 'openapi-fetch';
import type { z } from 'zod';
import { env } from '@/config/env';
import type { paths } from '@/types/api';
import { ApiError } from './api-error';
import { endSession, getSession } from './session';

const EXPIRED = 'Your session expired or was revoked. Sign in again to continue.';

const auth: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization')) endSession(EXPIRED);
    return response;
  },
};

/** The typed client over the gateway's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: env.apiUrl });
api.use(auth);

type Result = { data?: unknown; error?: unknown; response: Response };

/** Awaits a client call, turns a failure into an ApiError, and checks the answer against its schema. */
export async function call<S extends z.ZodType>(request: Promise<Result>, schema: S): Promise<z.infer<S>> {
  let result: Result;
  try {
    result = await request;
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!result.response.ok) throw ApiError.fromProblem(result.response.status, result.error);
  return schema.parse(result.data ?? null);
}

/** A call whose answer has no body (204). */
export async function callVoid(request: Promise<Result>): Promise<void> {
  let result: Result;
  try {
    result = await request;
  } catch (cause) {
    throw ApiError.network(cause);
  }
  if (!result.response.ok) throw ApiError.fromProblem(result.response.status, result.error);
}

export function apiUrl(path: string, query?: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') search.set(k, String(v));
  const qs = search.toString();
  return `${env.apiUrl}${path}${qs ? `?${qs}` : ''}`;
}

/** A GET the OpenAPI document does not describe the query of (e.g. candles). */
export async function getJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const session = getSession();
  let response: Response;
  try {
    response = await fetch(url, {
      headers: session ? { Authorization: `Bearer ${session.token}` } : {},
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    throw ApiError.network(cause);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && session) endSession(EXPIRED);
    throw ApiError.fromProblem(response.status, body);
  }
  return schema.parse(body);
}

/** Uploads a body with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function upload<S extends z.ZodType>(
  url: string,
  body: Blob,
  contentType: string,
  schema: S,
  onProgress: (fraction: number) => void,
): Promise<z.infer<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const session = getSession();
    if (session) xhr.setRequestHeader('Authorization', `Bearer ${session.token}`);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(ApiError.network(new Error('upload failed')));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(schema.parse(parsed));
        } catch (e) {
          reject(e);
        }
      } else {
        if (xhr.status === 401 && session) endSession(EXPIRED);
        reject(ApiError.fromProblem(xhr.status, parsed));
      }
    };
    xhr.send(body);
  });
}
