import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { ROLE_PERMISSIONS } from '../../platform/auth/policy.ts';
import { listUsers } from '../users/index.ts';
import { act, createEntry, listEntries, proposeMeasure } from './service.ts';
import { addYears } from './lifecycle.ts';

/**
 * The demo city's 两卡 registry: a mule account from link analysis with a 停止非柜面业务 measure the system proposed
 * and the leader confirmed (the ICBC liaison acknowledges it in the UI), and a phone card awaiting confirmation.
 * Runs once: a registry with entries is left alone.
 */
export async function loadDemoCards(db: Db, now: Date = new Date()): Promise<boolean> {
  if ((await listEntries(db, SYSTEM_ACTOR, { pageSize: 1 })).total > 0) return false;
  const [leader] = (await listUsers(db, SYSTEM_ACTOR, { role: 'leader' })).items.filter((u) => u.username === 'leader');
  const [city] = (await listUsers(db, SYSTEM_ACTOR, { role: 'center_analyst' })).items.filter(
    (u) => u.username === 'analyst',
  );
  if (!leader || !city) return false;
  const asUser = (u: typeof leader): Actor => ({
    kind: 'user',
    id: u.id,
    name: u.username,
    role: 'leader',
    unitId: u.unitId,
    unitPath: '/',
    permissions: new Set(ROLE_PERMISSIONS.leader),
  });
  const clock = () => now;
  const mule = await createEntry(
    db,
    SYSTEM_ACTOR,
    {
      kind: 'bank_account',
      value: '6212262405001234567',
      source: 'mule',
      unitId: city.unitId,
      holderName: '韦某某',
      reason: '资金链路研判：3 起刷单返利案件被害人资金的一级收款账户，24 小时内分散转出 41 笔',
      caseId: 'DEMO-A-0001',
    },
    clock,
  );
  const m = await proposeMeasure(
    db,
    SYSTEM_ACTOR,
    {
      entryId: mule.id,
      measure: 'stop_non_counter',
      reason: '出租出借银行卡，用于接收诈骗资金（反电信网络诈骗法第三十一条）',
      endsAt: addYears(now, 2).toISOString(),
    },
    clock,
  );
  await act(db, asUser(leader), m.id, 'confirm', clock, { reason: '证据充分，同意采取' });
  const phone = await createEntry(
    db,
    SYSTEM_ACTOR,
    {
      kind: 'phone',
      value: '17012345678',
      source: 'warning_number',
      unitId: city.unitId,
      reason: '预警研判：冒充公检法话术外呼 126 次，涉 9 条预警',
    },
    clock,
  );
  await proposeMeasure(
    db,
    SYSTEM_ACTOR,
    {
      entryId: phone.id,
      measure: 'limit_new_lines',
      reason: '涉诈电话卡，限制其持有人新入网',
      endsAt: addYears(now, 2).toISOString(),
    },
    clock,
  );
  return true;
}
