import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';

export interface Page {
  page: number;
  pageSize: number;
}
export interface Paged<T> {
  items: T[];
  total: number;
}

// A server-paged, filtered table: the filters, the page, the rows and the loading flag, refetched whenever a
// filter or the page changes; a filter change goes back to page 1. `fetch` may change between renders (it is
// read through a ref), so callers can pass an inline function.
export function usePagedList<T, F extends object>(
  fetch: (query: F & Page) => Promise<Paged<T>>,
  initial: F = {} as F,
  pageSize = 20,
) {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<F>(initial);
  const [page, setPage] = useState<Page>({ page: 1, pageSize });
  const [data, setData] = useState<Paged<T>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await fetchRef.current({ ...filters, ...page }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }, [filters, page, message]);
  useEffect(() => void reload(), [reload]);

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
  return { filters, setFilter, data, loading, reload, pagination };
}
