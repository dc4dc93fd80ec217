import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { units } from '../org/schema.ts';
import { audit } from '../audit/index.ts';
import { residentIdCheckChar } from '../identifiers/index.ts';
import { returnsPersons } from './schema.ts';
import * as repo from './repository.ts';
import type { ReturnStatus } from './lifecycle.ts';

const DAY = 86_400_000;
const SURNAMES = ['韦', '覃', '蓝', '黄', '莫', '罗', '卢', '吴', '陆', '潘'];
const GIVEN = ['志强', '海燕', '文军', '小龙', '春梅', '建华', '明', '丽', '振宇', '晓东', '秋菊', '永福'];
const PLACES = ['缅甸妙瓦底', '缅甸果敢老街', '柬埔寨西哈努克港', '老挝金三角经济特区', '菲律宾马尼拉', '柬埔寨金边'];
const RELATIONS = ['父亲', '母亲', '配偶', '哥哥', '本人'];

/**
 * The demo city's 劝返 list: three dozen people from 河池 stations, most already back (已劝返), a few 核减, the rest
 * still abroad or being persuaded, some overdue — so the board has items to 逐一销账 and a rate to show.
 * Runs once: an existing list is left alone. Deterministic.
 */
export async function loadDemoReturns(db: Db, now: Date = new Date(), n = 36): Promise<number> {
  const [c] = await db.select({ n: count() }).from(returnsPersons);
  if ((c?.n ?? 0) > 0) return 0;
  const stations = await db.select().from(units).where(eq(units.kind, 'station')).orderBy(units.path);
  if (stations.length === 0) return 0;
  let made = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const hh = stations[i % stations.length]!;
      const rs = i % 3 === 0 ? stations[(i + 1) % stations.length]! : null;
      const listed = new Date(now.getTime() - (120 - i * 3) * DAY);
      // 24 returned, 2 written off, 4 persuading, 6 abroad (2 of them overdue)
      const status: ReturnStatus = i < 24 ? 'returned' : i < 26 ? 'written_off' : i < 30 ? 'persuading' : 'abroad';
      const due = new Date(listed.getTime() + (status === 'abroad' && i < 32 ? 30 : 150) * DAY);
      const closedAt =
        status === 'returned' || status === 'written_off' ? new Date(listed.getTime() + (10 + (i % 20)) * DAY) : null;
      const base17 = `4512${String(21 + (i % 9)).padStart(2, '0')}19${String(80 + (i % 20)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(100 + i).slice(-3)}`;
      const id = randomUUID();
      await repo.insertPerson(tx, {
        id,
        name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!,
        idNumber: base17 + residentIdCheckChar(base17),
        phone: `1${[38, 39, 58, 77, 87][i % 5]}${String(77_000_000 + i * 104_729).slice(-8)}`,
        location: PLACES[i % PLACES.length]!,
        householdUnitId: hh.id,
        residenceUnitId: rs?.id ?? null,
        status,
        dueAt: due,
        source: i % 4 === 0 ? 'manual' : 'upstream',
        upstreamRef: i % 4 === 0 ? null : `DEMO-QF-${String(i + 1).padStart(4, '0')}`,
        note: null,
        createdBy: 'demo',
        createdAt: listed,
        updatedAt: closedAt ?? listed,
        closedAt,
      });
      await repo.insertHistory(tx, {
        id: randomUUID(),
        personId: id,
        fromStatus: null,
        toStatus: 'abroad',
        reason: 'upstream',
        by: 'demo',
        at: listed,
      });
      if (status !== 'abroad')
        await repo.insertHistory(tx, {
          id: randomUUID(),
          personId: id,
          fromStatus: 'abroad',
          toStatus: status,
          reason: status === 'written_off' ? '核查：已在国内就业，非滞留人员' : null,
          by: 'demo',
          at: closedAt ?? new Date(listed.getTime() + 5 * DAY),
        });
      for (let k = 0; k < 1 + (i % 3); k++)
        await repo.insertContact(tx, {
          id: randomUUID(),
          personId: id,
          at: new Date(listed.getTime() + (2 + k * 4) * DAY),
          by: 'demo',
          contact: RELATIONS[(i + k) % RELATIONS.length]!,
          channel: k % 2 ? 'visit' : 'phone',
          summary: k % 2 ? '上门走访家属，宣讲政策，家属同意配合劝说' : '电话联系，告知主动回国投案可从宽处理',
        });
      made++;
    }
    await audit(tx, SYSTEM_ACTOR, { action: 'import', entityType: 'return_person', details: { demo: made } });
  });
  return made;
}
