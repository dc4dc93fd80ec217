import { useEffect } from 'react';
import { App } from 'antd';
import { MutationCache, QueryCache, QueryClient, type QueryFunctionContext } from '@tanstack/react-query';
import { ApiError, request, type Query } from './client.ts';

// Server state for every page: TanStack Query caches each read under a key, refetches it when it goes stale or
// a mutation invalidates it, and shares it between the components that ask. Keys start with the feature
// ('warnings', 'audit', …) so a mutation invalidates its feature with one call. A failed read or write shows a
// toast in the UI's language (ApiError's message) unless the query says `meta: { quiet: true }` (it shows the
// error itself, e.g. a 404 page) or the mutation handles onError itself.

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { quiet?: boolean };
    mutationMeta: { quiet?: boolean };
  }
}

let toast: (text: string) => void = () => undefined;

const text = (e: unknown) => (e instanceof Error ? e.message : String(e));
// a 401 already sends the user to the login page; saying so again in a toast is noise
const unauthorized = (e: unknown) => e instanceof ApiError && e.status === 401;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (e, query) => {
        if (!query.meta?.quiet && !unauthorized(e)) toast(text(e));
      },
    }),
    mutationCache: new MutationCache({
      onError: (e, _vars, _ctx, mutation) => {
        if (!mutation.meta?.quiet && !mutation.options.onError && !unauthorized(e)) toast(text(e));
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // a 4xx will answer the same again; a network blip or a 5xx may not
        retry: (n, e) => n < 2 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
      },
    },
  });
}

export const queryClient = createQueryClient();

/** Mounted inside antd's <App>: lets the query caches show their toasts with the app's message API. */
export function QueryErrorToasts() {
  const { message } = App.useApp();
  useEffect(() => {
    toast = (t) => void message.error(t);
    return () => {
      toast = () => undefined;
    };
  }, [message]);
  return null;
}

/**
 * The typed GET shared by queries: `queryFn: getJson<T>(path, query)` — aborted when the page no longer needs
 * it. `purpose` (why personal data is read) goes in X-Purpose and into the audit log.
 */
export const getJson =
  <T,>(path: string, query?: Query, purpose?: string) =>
  ({ signal }: QueryFunctionContext): Promise<T> =>
    request<T>('GET', path, { query, purpose, signal });
