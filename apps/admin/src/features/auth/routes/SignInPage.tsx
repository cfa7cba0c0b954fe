import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../../app/auth';
import { splitErrors } from '../../../app/errors';
import { homePath } from '../../../app/paths';
import { TextField } from '../../../ui/Field';
import { FormErrors } from '../../../ui/states';

/** Only same-app paths are followed after signing in. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function SignInPage() {
  const { session, notice, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  if (session && !pending) return <Navigate to={safeNext(params.get('next')) ?? homePath(session.user.role)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const next = await signIn(email.trim(), password);
      void navigate(safeNext(params.get('next')) ?? homePath(next.user.role), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };

  const errors = splitErrors(error, ['email', 'password']);
  return (
    <main className="signin">
      <form noValidate className="card signin-card" onSubmit={(event) => void submit(event)}>
        <h1>Frontdesk</h1>
        <p className="muted">Sign in to run your book.</p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <FormErrors messages={errors.form} />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
          errors={errors.fields.email}
          autoFocus
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
          errors={errors.fields.password}
        />
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
