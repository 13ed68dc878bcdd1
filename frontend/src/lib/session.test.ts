import { describe, expect, it } from 'vitest';
import { endSession, getSession, peekNotice, startSession } from './session';

describe('session', () => {
  it('a token past its expiry is no session, and sign-in is told why', async () => {
    startSession({ token: 't', email: 'a@example.com', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect(getSession()?.token).toBe('t');
    expect(peekNotice()).toBeNull();

    startSession({ token: 'old', email: 'a@example.com', expiresAt: new Date(Date.now() - 1).toISOString() });
    expect(getSession()).toBeNull();
    await Promise.resolve();
    expect(peekNotice()).toBe('Your session expired. Sign in again to continue.');
  });

  it('signing out leaves no notice', () => {
    startSession({ token: 't', email: 'a@example.com', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    endSession();
    expect(getSession()).toBeNull();
    expect(peekNotice()).toBeNull();
  });
});
