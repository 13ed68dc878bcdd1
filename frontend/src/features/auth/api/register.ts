import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';
import { login, type LoginInput } from './login';
import { startSession } from '@/lib/session';

export const UserSchema = z.object({ id: z.string(), email: z.string(), createdAt: z.string() });

export async function register(input: LoginInput) {
  return call(api.POST('/api/auth/register', { body: input }), UserSchema);
}

/** Creates the user, then signs in with the same credentials. */
export function useRegister() {
  return useMutation({
    mutationFn: async (input: LoginInput) => {
      await register(input);
      return login(input);
    },
    onSuccess: (answer, input) => startSession({ token: answer.accessToken, expiresAt: answer.expiresAt, email: input.email }),
  });
}
