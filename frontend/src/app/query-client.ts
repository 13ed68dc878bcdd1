import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-error';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      // Retry only what may work the second time: no answer, 5xx, 429. A 4xx is the answer.
      retry: (count, error) => count < 2 && error instanceof ApiError && error.retryable,
    },
    mutations: { retry: false },
  },
});
