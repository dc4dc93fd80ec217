import type { NewOrder, OrderList, OrderQuery, OrderResult, OrderView, Totals } from '../../../../contract/orders.ts';
import { queryOptions } from '@tanstack/react-query';
import { request, type Query } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';

export type { OrderView, Totals };

export const ordersApi = {
  create: (body: NewOrder) => request<OrderView>('POST', '/api/v1/orders', { body }),
  receive: (id: string) => request<OrderView>('POST', `/api/v1/orders/${encodeURIComponent(id)}/receive`),
  answer: (id: string, body: OrderResult) =>
    request<OrderView>('POST', `/api/v1/orders/${encodeURIComponent(id)}/result`, { body }),
  act: (id: string, command: 'send' | 'cancel' | 'release' | 'renew', reason?: string) =>
    request<OrderView>('POST', `/api/v1/orders/${encodeURIComponent(id)}/${command}`, {
      body: reason ? { reason } : {},
    }),
};

/** How often the order pages read again: the bank answers and the 30-minute clocks move on their own. */
const POLL_MS = 5_000;

/** The orders (of one case, or the bank's inbox) under ['orders', …]: every order mutation invalidates ['orders']. */
export const ordersQuery = (q: Partial<OrderQuery>) =>
  queryOptions({
    queryKey: ['orders', 'list', q],
    queryFn: getJson<OrderList>('/api/v1/orders', q as Query),
    refetchInterval: POLL_MS,
  });
export const totalsQuery = (caseId?: string) =>
  queryOptions({
    queryKey: ['orders', 'totals', caseId ?? null],
    queryFn: getJson<Totals>('/api/v1/orders/totals', caseId ? { caseId } : {}),
    refetchInterval: POLL_MS,
  });

/** The server's clock offset from the list's `now`, taken when the answer arrived (the countdowns run on it). */
export const serverOffset = (list: { now: string } | undefined, receivedAt: number) =>
  list ? Date.parse(list.now) - receivedAt : 0;
