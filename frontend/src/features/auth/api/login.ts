import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call } from '@/lib/api-client';
import { startSession } from '@/lib/session';

export const LoginResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.string(),
  expiresAt: z.string(),
});

export type LoginInput = { email: string; password: string };

export async function login(input: LoginInput) {
  return call(api.POST('/api/auth/login', { body: input }), LoginResponseSchema);
}

export function useLogin() {
  return useMutation({
    mutationFn: login,
    onSuccess: (answer, input) => startSession({ token: answer.accessToken, expiresAt: answer.expiresAt, email: input.email }),
  });
}
