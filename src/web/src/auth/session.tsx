import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, readSession, setSessionExpiredHandler, unwrap, writeSession } from '../api/client';
import type { paths } from '../api/schema';

export type Me = paths['/api/v1/me']['get']['responses']['200']['content']['application/json'];
type Role = Me['roles'][number]['role'];

type SessionValue = {
  me: Me | undefined;
  loading: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): void;
  hasRole(role: Role): boolean;
};

const SessionContext = createContext<SessionValue | null>(null);
export const SIGN_IN_PATH = '/dang-nhap';

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [token, setToken] = useState(() => readSession()?.token ?? null);

  const meQuery = useQuery({
    queryKey: ['me', token],
    enabled: token !== null,
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/me')),
  });

  const end = useCallback(
    (returnTo: string | null) => {
      writeSession(null);
      setToken(null);
      queryClient.clear();
      navigate(returnTo ? `${SIGN_IN_PATH}?tiep=${encodeURIComponent(returnTo)}` : SIGN_IN_PATH, { replace: true });
    },
    [navigate, queryClient],
  );

  // Expiry: a 401 from the API, or the token's own expiry time, ends the session and sends the user
  // to sign in, then back where they were.
  useEffect(() => {
    const here = () => `${window.location.pathname}${window.location.search}`;
    setSessionExpiredHandler(() => end(here()));
    const s = readSession();
    if (!s) return;
    const ms = Date.parse(s.expiresAt) - Date.now();
    const timer = setTimeout(() => end(here()), Math.min(Math.max(ms, 0), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [end, token]);

  const value = useMemo<SessionValue>(
    () => ({
      me: meQuery.data,
      loading: token !== null && meQuery.isPending,
      async signIn(username, password) {
        const res = await unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }));
        writeSession({ token: res.accessToken, expiresAt: res.expiresAt });
        queryClient.setQueryData(['me', res.accessToken], res.user);
        setToken(res.accessToken);
      },
      signOut: () => end(null),
      hasRole: (role) => meQuery.data?.roles.some((r) => r.role === role) ?? false,
    }),
    [end, meQuery.data, meQuery.isPending, queryClient, token],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
