import { Type } from 'typebox';
import { IdParams } from '../../../contract/common.ts';
import { UnmaskQuery } from '../../../contract/access.ts';
import {
  BankWebhook,
  NewOrder,
  OrderAction,
  BankWebhookView,
  OrderDetail,
  OrderList,
  OrderQuery,
  OrderResult,
  OrderView,
  ProposedRefunds,
  ProposeRefunds,
  RefundPlan,
  RefundQuery,
  ReturnedBody,
  StatementUploaded,
  Totals,
  TotalsQuery,
} from '../../../contract/orders.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { invalid } from '../../platform/errors.ts';
import { orderTotals, putBankWebhook, uploadStatement } from './money.ts';
import { getCaseForActor } from '../cases/index.ts';
import { listenOverdue, subscribeOrders } from './subscribers.ts';
import { OrdersRuntime, registerOrdersRuntime, type OrdersOptions } from './runtime.ts';
import { proposeRefunds, recordReturned, refundPlan } from './refunds.ts';
import * as svc from './service.ts';
import { sweep } from './sweep.ts';

declare module '../../platform/http/app.ts' {
  interface AppDeps {
    /** limits, clock, webhook and event ports of the orders to banks */
    orders?: OrdersOptions & { lookupCase?: svc.CaseLookup };
  }
}

const STATEMENT_TYPES = [
  'text/csv',
  'text/plain',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

export const orderRoutes: RouteModule = (app, deps) => {
  const o = deps.orders ?? {};
  const rt = new OrdersRuntime(deps.db, o);
  registerOrdersRuntime(rt);
  subscribeOrders();
  const offOverdue = listenOverdue(deps.db, (n) => app.dissuasion?.hub.publish(n));
  app.addHook('onClose', async () => offOverdue());
  // an order's case: visible to the caller (404 otherwise), owned by the case's unit
  const lookupCase: svc.CaseLookup =
    o.lookupCase ??
    (async (tx, actor, caseId) => {
      const c = await getCaseForActor(tx, actor, caseId);
      return { unitId: c.unitId, reportedAt: c.reportedAt };
    });
  app.addHook('onReady', async () => {
    const every = o.sweepMs ?? 5_000;
    if (every > 0) {
      rt.timer = setInterval(() => {
        if (rt.sweeping) return;
        rt.sweeping = sweep(rt)
          .catch((err: unknown) => app.log.warn({ err }, 'orders sweep failed'))
          .finally(() => {
            rt.sweeping = null;
          });
      }, every);
      rt.timer.unref();
    }
  });
  app.addHook('onClose', async () => {
    if (rt.timer) clearInterval(rt.timer);
    await rt.sweeping;
  });
  const tags = ['orders'];

  app.get(
    '/api/v1/orders',
    {
      schema: {
        tags,
        operationId: 'listOrders',
        summary: 'Orders to banks: a unit’s, or the ones addressed to the caller’s bank',
        querystring: OrderQuery,
        response: { 200: OrderList },
      },
    },
    async (req) => svc.listOrders(rt, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/orders',
    {
      schema: {
        tags,
        operationId: 'createOrder',
        summary: 'Make an order (stop-payment, freeze, evidence, refund, protective stop)',
        body: NewOrder,
        response: { 201: OrderView },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createOrder(rt, actorOf(req), req.body, lookupCase)),
  );

  app.get(
    '/api/v1/orders/totals',
    {
      schema: {
        tags,
        operationId: 'orderTotals',
        summary: 'Money stopped, frozen, recovered and returned',
        querystring: TotalsQuery,
        response: { 200: Totals },
      },
    },
    async (req) => orderTotals(deps.db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/orders/refund-plan',
    {
      schema: {
        tags,
        operationId: 'refundPlan',
        summary:
          'A case’s refund plan (返还): money held per account, each victim’s share (traced, or pro rata after the notice)',
        querystring: RefundQuery,
        response: { 200: RefundPlan },
      },
    },
    async (req) => refundPlan(rt, actorOf(req), req.query.caseId, lookupCase),
  );

  app.post(
    '/api/v1/orders/refunds',
    {
      schema: {
        tags,
        operationId: 'proposeRefunds',
        summary: 'Make the refund orders of a case’s victim from its refund plan',
        body: ProposeRefunds,
        response: { 201: ProposedRefunds },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ items: await proposeRefunds(rt, actorOf(req), req.body.caseId, lookupCase) }),
  );

  app.post(
    '/api/v1/orders/:id/returned',
    {
      schema: {
        tags,
        operationId: 'recordReturned',
        summary: 'Record that an executed refund reached the victim',
        params: IdParams,
        body: ReturnedBody,
        response: { 200: OrderView },
      },
    },
    async (req) => recordReturned(rt, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/orders/:id',
    {
      schema: {
        tags,
        operationId: 'getOrder',
        summary: 'One order with its timeline and files',
        params: IdParams,
        querystring: UnmaskQuery,
        response: { 200: OrderDetail },
      },
    },
    async (req) => svc.getOrder(rt, actorOf(req), req.params.id, req.query.unmask),
  );

  app.post(
    '/api/v1/orders/:id/result',
    {
      schema: {
        tags,
        operationId: 'answerOrder',
        summary: 'The bank’s answer: executed, partial or rejected',
        params: IdParams,
        body: OrderResult,
        response: { 200: OrderView },
      },
    },
    async (req) => svc.answerOrder(rt, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/orders/:id/receive',
    {
      schema: {
        tags,
        operationId: 'receiveOrder',
        summary: 'The bank acknowledges an order (签收)',
        params: IdParams,
        response: { 200: OrderView },
      },
    },
    async (req) => svc.receiveOrder(rt, actorOf(req), req.params.id),
  );

  for (const command of ['send', 'cancel', 'release', 'renew'] as const) {
    app.post(
      `/api/v1/orders/:id/${command}`,
      {
        schema: {
          tags,
          operationId: `${command}Order`,
          summary: `Police: ${command} an order`,
          params: IdParams,
          body: Type.Optional(OrderAction),
          response: { 200: OrderView },
        },
      },
      async (req) => svc.policeAct(rt, actorOf(req), req.params.id, command, req.body?.reason),
    );
  }

  app.put(
    '/api/v1/orders/banks/:id/webhook',
    {
      schema: {
        tags,
        operationId: 'putBankWebhook',
        summary: 'Where a bank’s system is told of new orders',
        params: IdParams,
        body: BankWebhook,
        response: { 200: BankWebhookView },
      },
    },
    async (req) => putBankWebhook(rt, actorOf(req), req.params.id, req.body.webhookUrl),
  );

  // statement files: the raw file as the body, its name in ?name= (CSV in UTF-8 or GBK, or XLSX)
  void app.register(async (inner) => {
    const scoped = inner as unknown as typeof app;
    scoped.addContentTypeParser(
      STATEMENT_TYPES,
      { parseAs: 'buffer', bodyLimit: rt.config.maxFileBytes + 1 },
      (_req, body, done) => done(null, body),
    );
    scoped.post(
      '/api/v1/orders/:id/files',
      {
        schema: {
          tags,
          operationId: 'uploadStatement',
          summary: 'An evidence order’s statement file',
          params: IdParams,
          querystring: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 200 }) },
            { additionalProperties: false },
          ),
          response: { 201: StatementUploaded },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw invalid('file', `send the file as the body (${STATEMENT_TYPES.join(', ')})`);
        const r = await uploadStatement(rt, actorOf(req), req.params.id, {
          name: req.query.name,
          contentType: req.headers['content-type'],
          bytes: req.body,
        });
        return reply.status(201).send(r);
      },
    );
  });
};
