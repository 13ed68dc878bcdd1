import { z } from 'zod';

// VITE_API_URL is compiled into the bundle: empty means the API is on the page's own origin.
const EnvSchema = z.object({
  VITE_API_URL: z
    .union([z.literal(''), z.url({ protocol: /^https?$/ })])
    .default('')
    .transform((url) => url.replace(/\/+$/, '')),
});

const parsed = EnvSchema.safeParse({ VITE_API_URL: import.meta.env.VITE_API_URL ?? '' });
if (!parsed.success) {
  throw new Error(`VITE_API_URL must be empty or an http(s) URL: ${parsed.error.message}`);
}

export const env = { apiUrl: parsed.data.VITE_API_URL } as const;
