import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { audit } from '../audit/index.ts';
import type { WecomMessage } from '../channels/index.ts';
import { maskAccount } from '../identifiers/index.ts';
import { awaitsBank, inForce, type OrderKind } from './lifecycle.ts';
import * as repo from './repository.ts';
import { answerDue, remindersDue, toYuan } from './rules.ts';
import type { OrdersRuntime } from './runtime.ts';
import { applyCommand } from './service.ts';
import { caseOwner } from '../cases/index.ts';
import { sendDueRefunds } from './refunds.ts';

// The stored-timer sweep (like dissuasion's): everything time-driven lives in the orders' rows (dueAt, expiresAt,
// reminders, notifiedAt), so a restart or another node loses nothing; each order is handled under its row lock.
//   - a bank that has not answered by dueAt: escalation (step + audit, the bank is told again), up to maxEscalations
//   - a measure past expiresAt: expired
//   - a freeze nearing its end: reminders (15 and 3 days before, by default)
//   - a sent order not yet told to the bank's system: its webhook

const KIND_LABEL: Record<OrderKind, string> = {
  stop_payment: '紧急止付',
  freeze: '冻结',
  evidence: '调证',
  refund: '返还',
  protective_stop: '保护性止付',
};

export async function sweep(
  rt: OrdersRuntime,
): Promise<{ escalated: number; expired: number; reminded: number; notified: number; refundsSent: number }> {
  const now = rt.now();
  let escalated = 0,
    expired = 0,
    reminded = 0;

  for (const { id } of await repo.overdue(rt.db, now)) {
    await rt.db.transaction(async (tx) => {
      const o = await repo.findOrder(tx, id, true);
      if (!o || !awaitsBank(o.status as never) || !o.dueAt || o.dueAt > now || !o.sentAt) return;
      const level = o.escalations + 1;
      const last = level >= rt.config.maxEscalations;
      await repo.updateOrder(tx, id, {
        escalations: level,
        updatedAt: now,
        notifiedAt: null,
        dueAt: last
          ? null
          : new Date(
              Math.max(now.getTime() + 60_000, answerDue(o.kind as OrderKind, o.sentAt.getTime(), rt.config, level)),
            ),
      });
      await repo.insertStep(tx, {
        id: randomUUID(),
        orderId: id,
        at: now,
        step: 'escalate',
        fromStatus: o.status,
        toStatus: o.status,
        actorKind: 'system',
        actorId: 'system',
        actorName: 'system',
        details: { level, final: last },
      });
      await audit(tx, SYSTEM_ACTOR, {
        action: 'update',
        entityType: 'order',
        entityId: id,
        details: { escalation: level, bankUnitId: o.bankUnitId },
      });
      // the officer who owns the case (or, for an automatic case, its unit) is told (order.overdue → notice)
      const owner = o.caseId ? await caseOwner(tx, o.caseId) : null;
      await rt.publish(tx, 'order.overdue', {
        orderId: id,
        ...(o.caseId ? { caseId: o.caseId } : {}),
        kind: o.kind,
        unitId: o.unitId,
        unitPath: o.unitPath,
        officerId: owner?.officerId ?? null,
        bank: o.bankUnitName ?? o.bankName ?? '',
        level,
        final: last,
        at: now.toISOString(),
      });
      escalated++;
    });
  }
  const window = Math.max(0, ...rt.config.freezeReminderDays) * 86_400_000;
  for (const { id } of await repo.inForceEnding(rt.db, new Date(now.getTime() + window))) {
    await rt.db.transaction(async (tx) => {
      const o = await repo.findOrder(tx, id, true);
      if (!o || !inForce(o.status as never) || !o.expiresAt) return;
      if (o.expiresAt <= now) {
        await applyCommand(rt, tx, SYSTEM_ACTOR, o, { type: 'expire' });
        expired++;
        return;
      }
      if (o.kind !== 'freeze') return;
      const due = remindersDue(o.expiresAt.getTime(), o.reminders, now.getTime(), rt.config);
      if (due <= 0) return;
      await repo.updateOrder(tx, id, { reminders: o.reminders + due, updatedAt: now });
      await repo.insertStep(tx, {
        id: randomUUID(),
        orderId: id,
        at: now,
        step: 'remind',
        fromStatus: o.status,
        toStatus: o.status,
        actorKind: 'system',
        actorId: 'system',
        actorName: 'system',
        details: { expiresAt: o.expiresAt.toISOString() },
      });
      await audit(tx, SYSTEM_ACTOR, {
        action: 'update',
        entityType: 'order',
        entityId: id,
        details: { reminder: o.reminders + due },
      });
      reminded++;
    });
  }
  const refundsSent = await sendDueRefunds(rt, SYSTEM_ACTOR);
  const notified = await notifyBanks(rt);
  return { escalated, expired, reminded, notified, refundsSent };
}

/** Tells banks' systems of sent orders (at least once: marked after the webhook answered, or when there is none). */
export async function notifyBanks(rt: OrdersRuntime): Promise<number> {
  let n = 0;
  for (const { id, bankUnitId } of await repo.unnotified(rt.db)) {
    const o = await repo.findOrder(rt.db, id);
    if (!o) continue;
    const url = bankUnitId ? await repo.bankWebhook(rt.db, bankUnitId) : null;
    if (url) {
      const r = await rt
        .webhook(url, orderNotice(o, rt.options.consoleUrl))
        .catch((err: unknown) => ({ ok: false, error: String(err) }));
      if (!r.ok) continue; // tried again on the next sweep
      n++;
    }
    await repo.updateOrder(rt.db, id, { notifiedAt: rt.now() });
  }
  return n;
}

/** The message to a bank: what, how much, by when, and a link; the account only masked (it leaves our network). */
export function orderNotice(o: repo.OrderRow, consoleUrl?: string): WecomMessage {
  const lines = [
    `### 【${KIND_LABEL[o.kind as OrderKind] ?? o.kind}】${o.escalations ? ` · 第${o.escalations}次催办` : ''}`,
    `> 指令编号：${o.id}`,
    `> 账户：${maskAccount(o.account)}`,
  ];
  if (o.amountFen !== null) lines.push(`> 金额：¥${toYuan(o.amountFen).toFixed(2)}`);
  if (o.dueAt)
    lines.push(
      `> 反馈时限：${new Date(o.dueAt.getTime() + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ')} 前`,
    );
  if (consoleUrl) lines.push(`[打开指令](${consoleUrl}/orders/inbox)`);
  return { msgtype: 'markdown', markdown: { content: lines.join('\n') } };
}
