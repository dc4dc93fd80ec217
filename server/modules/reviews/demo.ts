// The demo's after-action review (复盘): one 冒充公检法 case of an elderly resident with its time line, findings and
// three action items (one done). The case is recorded through the cases module like any 96110 report; the ports
// come from the composition root (server/main.ts --demo). Idempotent: nothing happens when a review exists.
import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './repository.ts';
import { addAction, completeAction, createReview, updateFindings } from './service.ts';

export interface DemoReviewPorts {
  gridCode: string | undefined;
  register(p: { name: string; idNumber: string; phone: string; grid: string; occupation: string }): Promise<unknown>;
  recordCase(r: {
    reportedAt: string;
    victim: { name: string; phone: string; idNumber?: string };
    fraudType: string;
    losses: { at: string; amount: number; toAccount?: string }[];
    reference: string;
  }): Promise<string | null>;
}

export async function loadDemoReviews(db: Db, ports: DemoReviewPorts, now = new Date()): Promise<boolean> {
  if ((await repo.countAll(db)) > 0 || !ports.gridCode) return false;
  const victim = { name: '覃某某', phone: '13977800001', idNumber: '45120219500101123X' };
  await ports.register({ ...victim, grid: ports.gridCode, occupation: '退休' });
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000).toISOString();
  const caseId = await ports.recordCase({
    reportedAt: at(46),
    victim,
    fraudType: 'impersonate_authority',
    losses: [
      { at: at(50), amount: 50000, toAccount: '6228480000000000000' },
      { at: at(49), amount: 36000, toAccount: '6222021234567890128' },
    ],
    reference: 'DEMO-REVIEW-0001',
  });
  if (!caseId) return false;
  const actor = { ...SYSTEM_ACTOR, name: '市反诈中心（演示）' };
  const title = '冒充公检法致老人被骗 8.6 万元复盘';
  // the system may have opened it already (case.recorded → reviews.auto-open): then that one is filled in
  const r = await createReview(db, actor, { subjectKind: 'case', subjectId: caseId, title }, now).catch(
    async (e: unknown) => {
      const id = e instanceof AppError && e.code === 'conflict' ? await repo.reviewOfSubject(db, 'case', caseId) : null;
      if (!id) throw e;
      await repo.updateReview(db, id, { title });
      return { id };
    },
  );
  await updateFindings(
    db,
    actor,
    r.id,
    {
      whatHappened: '老人接到自称公安的电话，被要求“保密”并在宾馆“隔离”，两次柜面转账共 8.6 万元；事后由子女发现报案。',
      slowPoints:
        '转账前无预警：首笔 5 万元低于“首次大额转账”阈值；柜面未触发老年人大额转账询问；报案比首笔转账晚 4 小时。',
    },
    now,
  );
  const due = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  await addAction(
    db,
    actor,
    r.id,
    {
      kind: 'rule_threshold',
      description: '60 岁以上首次向陌生账户转账阈值由 5 万降至 2 万（回测后发布）',
      ownerName: '中心研判组',
      dueDate: due(7),
    },
    now,
  );
  await addAction(
    db,
    actor,
    r.id,
    {
      kind: 'script',
      description: '冒充公检法话术增加“宾馆隔离”“保密”要点（知识库新版本）',
      ownerName: '中心宣防组',
      dueDate: due(3),
    },
    now,
  );
  const d = await addAction(
    db,
    actor,
    r.id,
    {
      kind: 'bank_procedure',
      description: '柜面对老年人大额转账加问“是否有人要求您保密”，并登记',
      ownerName: '工商银行河池分行',
      dueDate: due(14),
    },
    now,
  );
  const script = d.actions.find((a) => a.kind === 'script');
  if (script) await completeAction(db, actor, r.id, script.id, '知识库已发布新版本', now);
  return true;
}
