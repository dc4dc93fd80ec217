import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/index.ts';
import type { Outcome } from './lifecycle.ts';
import * as repo from './repository.ts';
import { ordersRuntime } from './runtime.ts';
import { answerOrder, receiveOrder } from './service.ts';
import { uploadStatement } from './money.ts';

// The demo city's banks (server/demo-organisation.ts: 工行, 农行) answer the orders sent to them after realistic delays, as a
// bank's system with a partner token would: acknowledge within a minute or two, then mostly execute; partly
// execute when the money had already moved on (only part of it still there); reject now and then (closed
// account, name mismatch). An evidence order is answered with a small statement file. Decisions come from the
// order id (deterministic), delays from the demo's clock.

export interface BankDecision {
  ackAfterMs: number;
  answerAfterMs: number;
  outcome: Outcome;
  fraction: number;
  reason?: string;
}

const REJECTIONS = ['账户已销户', '户名与账号不符', '该账户已被其他机关止付'];

/** What the simulated bank does with one order (pure: from the order id). */
export function decide(orderId: string, kind: string): BankDecision {
  const h = createHash('sha256').update(orderId).digest();
  const r = h[0]! / 256;
  const ackAfterMs = 20_000 + (h[1]! / 256) * 100_000; // 20 s – 2 min
  const answerAfterMs = ackAfterMs + 30_000 + (h[2]! / 256) * 240_000; // then 30 s – 4.5 min
  if (kind === 'evidence')
    return {
      ackAfterMs,
      answerAfterMs,
      outcome: r < 0.9 ? 'executed' : 'rejected',
      fraction: 1,
      ...(r >= 0.9 ? { reason: REJECTIONS[0] } : {}),
    };
  if (r < 0.6) return { ackAfterMs, answerAfterMs, outcome: 'executed', fraction: 1 };
  if (r < 0.85)
    return {
      ackAfterMs,
      answerAfterMs,
      outcome: 'partial',
      fraction: 0.1 + (h[3]! / 256) * 0.7,
      reason: '部分资金已转出',
    };
  return {
    ackAfterMs,
    answerAfterMs,
    outcome: 'rejected',
    fraction: 0,
    reason: REJECTIONS[h[4]! % REJECTIONS.length]!,
  };
}

const bankActor = (bank: repo.UnitRow): Actor => ({
  kind: 'token',
  id: `demo-bank-${bank.id}`,
  name: `${bank.name}（模拟系统）`,
  role: null,
  unitId: bank.id,
  unitPath: bank.path,
  permissions: new Set(['orders:read', 'orders:write']),
});

/** One pass of every demo bank over its waiting orders; returns how many answers it gave. */
export async function demoBanksTick(db: Db): Promise<number> {
  const rt = ordersRuntime(db);
  if (!rt) return 0;
  const now = rt.clock();
  let n = 0;
  for (const bank of await repo.bankUnits(db)) {
    const actor = bankActor(bank);
    const { rows } = await repo.listOrders(db, {
      bankUnitId: bank.id,
      statuses: ['sent', 'received'],
      limit: 100,
      offset: 0,
    });
    for (const o of rows) {
      if (!o.sentAt) continue;
      const d = decide(o.id, o.kind);
      const age = now - o.sentAt.getTime();
      try {
        if (o.status === 'sent' && age >= d.ackAfterMs) await receiveOrder(rt, actor, o.id);
        if (age < d.answerAfterMs) continue;
        if (o.kind === 'evidence' && d.outcome === 'executed') {
          const csv = `交易流水号,交易时间,对方账号,金额\n${o.id.slice(0, 8)}-1,${new Date(now).toISOString()},6217000000000000001,${((o.amountFen ?? 100_000) / 100).toFixed(2)}\n`;
          await uploadStatement(rt, actor, o.id, {
            name: `statement-${o.id.slice(0, 8)}.csv`,
            contentType: 'text/csv',
            bytes: Buffer.from(csv),
          });
        }
        const asked = o.amountFen === null ? null : o.amountFen / 100;
        await answerOrder(rt, actor, o.id, {
          outcome: d.outcome,
          ...(asked !== null && d.outcome !== 'rejected' && o.kind !== 'evidence'
            ? { amount: Math.round(asked * d.fraction * 100) / 100 }
            : {}),
          ...(asked !== null && d.outcome === 'partial' ? { balance: Math.round(asked * d.fraction * 100) / 100 } : {}),
          ...(d.reason ? { reason: d.reason } : {}),
        });
        n++;
      } catch {
        // another node or a person answered first: nothing to do
      }
    }
  }
  return n;
}

/** Runs the demo banks every `everyMs` (wall clock) until stopped. */
export function startDemoBanks(db: Db, everyMs = 3_000, log?: (m: string, x?: unknown) => void) {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    demoBanksTick(db)
      .then((n) => {
        if (n) log?.('demo banks answered', { n });
      })
      .catch((err: unknown) => log?.('demo banks failed', String(err)))
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
