import { useCallback, useState } from 'react';
import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';

export interface Page {
  page: number;
  pageSize: number;
}
export interface Paged<T> {
  items: T[];
  total: number;
}

const EMPTY = { items: [], total: 0 };

// A server-paged, filtered table: the filters and the page as local state, the rows as a cached query under
// `[...key, filters, page]` (so a mutation invalidating `key` refetches it); a filter change goes back to page 1
// and the previous rows stay on screen while the next page loads. `fetch` may change between renders.
export function usePagedList<T, F extends object>(
  key: QueryKey,
  fetch: (query: F & Page) => Promise<Paged<T>>,
  initial: F = {} as F,
  pageSize = 20,
) {
  const [filters, setFilters] = useState<F>(initial);
  const [page, setPage] = useState<Page>({ page: 1, pageSize });
  const query = useQuery({
    queryKey: [...key, filters, page],
    queryFn: () => fetch({ ...filters, ...page }),
    placeholderData: keepPreviousData,
  });
  const data: Paged<T> = query.data ?? EMPTY;
  const setFilter = useCallback((patch: Partial<F>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, page: 1 }));
  }, []);
  const pagination = {
    current: page.page,
    pageSize: page.pageSize,
    total: data.total,
    onChange: (p: number, size: number) => setPage({ page: size !== page.pageSize ? 1 : p, pageSize: size }),
  };
  return { filters, setFilter, data, loading: query.isFetching, reload: query.refetch, pagination };
}
