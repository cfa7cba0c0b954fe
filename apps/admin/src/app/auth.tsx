import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { LoginResponse, User } from '@frontdesk/contracts';
import { type ApiClient, createApiClient } from './api-client';

export interface Session {
  accessToken: string;
  user: User;
}

const STORAGE_KEY = 'frontdesk.session';
export const EXPIRED_NOTICE = 'Your session has expired. Please sign in again.';

interface AuthValue {
  session: Session | null;
  /** Why the user was signed out, shown on the sign-in page. */
  notice: string | null;
  signIn: (email: string, password: string) => Promise<Session>;
  signOut: (notice?: string) => void;
  /** An API client carrying the token, without a tenant (platform endpoints). */
  api: ApiClient;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Seconds since the epoch at which a JWT expires, when it says. */
function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : null;
  } catch {
    return null;
  }
}

function readSession(): { session: Session | null; expired: boolean } {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return { session: null, expired: false };
    const session = JSON.parse(raw) as Session;
    if (typeof session?.accessToken !== 'string' || !session.user) return { session: null, expired: false };
    const exp = tokenExpiry(session.accessToken);
    if (exp !== null && exp * 1000 <= Date.now()) {
      localStorage.removeItem(STORAGE_KEY);
      return { session: null, expired: true };
    }
    return { session, expired: false };
  } catch {
    return { session: null, expired: false };
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [initial] = useState(readSession);
  const [session, setSession] = useState<Session | null>(initial.session);
  const [notice, setNotice] = useState<string | null>(initial.expired ? EXPIRED_NOTICE : null);

  const signOut = useCallback(
    (reason?: string) => {
      localStorage.removeItem(STORAGE_KEY);
      setSession(null);
      setNotice(reason ?? null);
      queryClient.clear();
    },
    [queryClient],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const response = await createApiClient().post<LoginResponse>('/auth/login', { email, password });
    const next: Session = { accessToken: response.accessToken, user: response.user };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
    setNotice(null);
    return next;
  }, []);

  // Signing out (or in) in another tab applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== STORAGE_KEY) return;
      const next = readSession().session;
      setSession(next);
      if (!next) queryClient.clear();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [queryClient]);

  const api = useMemo(
    () => createApiClient({ token: session?.accessToken, onUnauthorized: () => signOut(EXPIRED_NOTICE) }),
    [session?.accessToken, signOut],
  );

  const value = useMemo<AuthValue>(() => ({ session, notice, signIn, signOut, api }), [session, notice, signIn, signOut, api]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in session; only for components rendered behind RequireAuth. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
