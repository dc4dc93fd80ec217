import type {
  NewOrder,
  OrderDetail,
  OrderList,
  OrderQuery,
  OrderResult,
  OrderView,
  Totals,
} from '../../../../contract/orders.ts';
import { api, request } from '../../api/client.ts';

export type { OrderView, OrderDetail, Totals };

export const ordersApi = {
  list: (q: Partial<OrderQuery>) =>
    api.get<OrderList>('/api/v1/orders', q as Record<string, string | number | boolean | undefined>),
  get: (id: string) => api.get<OrderDetail>(`/api/v1/orders/${encodeURIComponent(id)}`),
  totals: (q: { caseId?: string; unitId?: string } = {}) => api.get<Totals>('/api/v1/orders/totals', q),
  create: (body: NewOrder) => request<OrderView>('POST', '/api/v1/orders', { body }),
  receive: (id: string) => request<OrderView>('POST', `/api/v1/orders/${encodeURIComponent(id)}/receive`),
  answer: (id: string, body: OrderResult) =>
    request<OrderView>('POST', `/api/v1/orders/${encodeURIComponent(id)}/result`, { body }),
  act: (id: string, command: 'send' | 'cancel' | 'release' | 'renew', reason?: string) =>
    request<OrderView>('POST', `/api/v1/orders/${encodeURIComponent(id)}/${command}`, {
      body: reason ? { reason } : {},
    }),
};
