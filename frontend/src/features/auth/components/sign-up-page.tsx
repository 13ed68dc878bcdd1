import { Navigate } from 'react-router';
import { useSession } from '@/lib/session';
import { useRegister } from '../api/register';
import { AuthCard } from './auth-card';
import { CredentialsForm } from './credentials-form';

export function SignUpPage() {
  const session = useSession();
  const register = useRegister();
  if (session) return <Navigate to="/accounts" replace />;
  return (
    <AuthCard title="Create your account" footer={{ text: 'Already registered?', link: 'Sign in', to: '/sign-in' }}>
      <CredentialsForm submitLabel="Create account" onSubmit={register.mutateAsync} pending={register.isPending}
        error={register.error} newPassword />
    </AuthCard>
  );
}
