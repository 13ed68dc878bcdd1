import { useSyncExternalStore } from 'react';

// The access token lives in localStorage so a reload keeps the user signed in; the API expects
// it as "Authorization: Bearer <token>" and says when it expires.
const KEY = 'tradebot.session';

export type Session = { token: string; expiresAt: string; email: string };

type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null = read();
let notice: string | null = null;

function read(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return typeof session.token === 'string' ? session : null;
  } catch {
    return null;
  }
}

function emit() {
  for (const listener of listeners) listener();
}

export function getSession(): Session | null {
  if (current && Date.parse(current.expiresAt) <= Date.now()) {
    // Called while React renders: end the session just after, not during, the render.
    queueMicrotask(() => {
      if (current && Date.parse(current.expiresAt) <= Date.now()) endSession('Your session expired. Sign in again to continue.');
    });
    return null;
  }
  return current;
}

export function startSession(session: Session) {
  current = session;
  notice = null;
  globalThis.localStorage?.setItem(KEY, JSON.stringify(session));
  emit();
}

/** Ends the session; a reason is shown on the sign-in page. */
export function endSession(reason?: string) {
  if (current === null && !reason) return;
  current = null;
  notice = reason ?? null;
  globalThis.localStorage?.removeItem(KEY);
  emit();
}

export function takeNotice(): string | null {
  const n = notice;
  notice = null;
  return n;
}

export function peekNotice(): string | null {
  return notice;
}

function subscribe(listener: Listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, () => null);
}
