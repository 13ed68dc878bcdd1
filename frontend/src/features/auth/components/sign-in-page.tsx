import { Alert } from '@mantine/core';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { peekNotice, useSession } from '@/lib/session';
import { useLogin } from '../api/login';
import { AuthCard } from './auth-card';
import { CredentialsForm } from './credentials-form';

export function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const login = useLogin();
  const [notice] = useState(() => peekNotice());
  if (session) return <Navigate to={safeNext(params.get('next'))} replace />;
  return (
    <AuthCard title="Sign in" footer={{ text: 'New here?', link: 'Create an account', to: '/sign-up' }}>
      {notice && <Alert color="yellow" variant="light" role="status">{notice}</Alert>}
      <CredentialsForm submitLabel="Sign in" onSubmit={login.mutateAsync} pending={login.isPending} error={login.error} />
    </AuthCard>
  );
}

/** Only a path of this app: never send the user to another site after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/market';
}
