import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../../../../contract/access.ts';
import { setUnauthorizedHandler } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import { useQueryClient } from '@tanstack/react-query';

// Who is signed in and what they may do; `undefined` while the first /auth/me is in flight.
interface Session {
  user: User | null | undefined;
  permissions: ReadonlySet<string>;
  can(permission: string): boolean;
  refresh(): Promise<void>;
  signedIn(user: User): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
const PURPOSE_KEY = 'zhiwang.purpose';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [permissions, setPermissions] = useState<ReadonlySet<string>>(new Set());
  // cached server state belongs to the user who read it: dropped whenever who is signed in changes
  const queries = useQueryClient();

  const refresh = useCallback(async () => {
    try {
      const me = await authApi.me();
      setUser(me.user);
      setPermissions(new Set(me.permissions));
    } catch {
      // 401 (no session) or 403 (must change password, answered before /me on some servers): treat as signed out
      setUser(null);
      setPermissions(new Set());
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      queries.clear();
      setUser(null);
      setPermissions(new Set());
    });
    void refresh();
  }, [refresh, queries]);

  const value = useMemo<Session>(
    () => ({
      user,
      permissions,
      can: (p) => permissions.has(p),
      refresh,
      async signedIn(u) {
        queries.clear();
        setUser(u);
        await refresh();
      },
      async logout() {
        await authApi.logout().catch(() => undefined);
        sessionStorage.removeItem(PURPOSE_KEY);
        queries.clear();
        setUser(null);
        setPermissions(new Set());
      },
    }),
    [user, permissions, refresh, queries],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The officer's stated purpose for reading personal data, kept for this browser session (sessionStorage). */
export const purposeStore = {
  get: () => sessionStorage.getItem(PURPOSE_KEY) ?? undefined,
  set: (purpose: string) => sessionStorage.setItem(PURPOSE_KEY, purpose),
};
