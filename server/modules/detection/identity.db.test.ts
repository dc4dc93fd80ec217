// Scale-out that stays correct (issue 10): one person named by different identifiers in different events — a
// phone-only call, an account-only transfer, an ID-only bank alert — is one subject for the engine only if the
// events reach one worker. Identity is resolved at ingest (ingest/identity.ts) and events are partitioned by the
// resolved person; a later event joining two people held by different workers makes the worker now holding them
// rebuild the merged state from the stored events. The same multi-identifier stories, on 1 worker and on 4: the
// same warnings. Runs on PGlite (in-process workers) and, with DATABASE_URL, on PostgreSQL.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { ensureRoot } from '../org/index.ts';
import { ingestEvents } from '../ingest/index.ts';
import { groupBatch } from '../ingest/index.ts';
import { partitionOf } from '../ingest/index.ts';
import { residentIdCheckChar } from '../identifiers/index.ts';
import type { ZhiwangEvent } from '../../../contract/events.ts';
import { createDetectionRuntime, type DetectionRuntime } from './runtime.ts';
import { verifyAgainstReference } from './testing/verify.ts';

const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
const t0 = Date.parse('2026-07-20T09:00:00+08:00');
const iso = (min: number) => new Date(t0 + min * 60_000).toISOString();
const W = 4;
const part = (subject: object) =>
  partitionOf({ id: 'x', source: 'x', type: 'alert', occurredAt: iso(0), subject } as unknown as ZhiwangEvent) % W;

/** n people whose phone, resident ID and account fall on three different workers of four. */
function people(n: number, base: number) {
  const out: { phone: string; idNumber: string; account: string; name: string }[] = [];
  for (let i = 0; out.length < n; i++) {
    const phone = String(13_600_000_000 + base + i * 7);
    const id17 = `${base > 9999 ? '451203' : '451202'}1985${String(1 + (i % 12)).padStart(2, '0')}${String(10 + (i % 18))}${String(i % 1000).padStart(3, '0')}`;
    const idNumber = id17 + residentIdCheckChar(id17);
    const account = '6222021' + String(100_000_000 + base + i * 13).padStart(12, '0');
    const ps = new Set([part({ phone }), part({ idNumber }), part({ account })]);
    if (ps.size === 3) out.push({ phone, idNumber, account, name: `某${i}` });
  }
  return out;
}

/** The steps of the stories: each step's events are sent together, every worker settles between steps. */
function stories(tag: string) {
  const ps = people(8, tag === 'a' ? 1000 : 50_000);
  const steps: object[][] = [[], [], [], []];
  ps.forEach((p, i) => {
    const ev = (k: string, min: number, body: object) => ({
      id: `${tag}-${i}-${k}`,
      occurredAt: iso(i * 3 + min),
      ...body,
    });
    if (i % 2 === 0) {
      // seed 002-like: a long "00" call on the phone; a transfer out on the account; then the bank names both
      steps[0]!.push(
        ev('call', 0, {
          source: 'telecom.cmcc',
          type: 'call',
          subject: { phone: p.phone },
          peer: '0029110',
          direction: 'in',
          durationSec: 45 * 60,
          result: 'answered',
        }),
      );
      steps[1]!.push(
        ev('tx1', 20, {
          source: 'bank.icbc',
          type: 'transaction',
          subject: { account: p.account },
          account: p.account,
          kind: 'transfer',
          channel: 'mobile',
          direction: 'out',
          amount: 80_000,
          peerAccount: '6230000000009999',
          peerName: '安全账户',
        }),
      );
      steps[2]!.push(
        ev('tx2', 40, {
          source: 'bank.icbc',
          type: 'transaction',
          subject: { phone: p.phone, account: p.account, name: p.name },
          account: p.account,
          kind: 'transfer',
          channel: 'mobile',
          direction: 'out',
          amount: 90_000,
          peerAccount: '6230000000009999',
          peerName: '安全账户',
        }),
      );
    } else {
      // two bank alerts, by phone and by resident ID (two warnings), then an event naming both (one person)
      steps[0]!.push(
        ev('al1', 0, {
          source: 'bank.ccb',
          type: 'alert',
          subject: { phone: p.phone },
          partnerKind: 'bank',
          unit: '建设银行金城江支行',
          note: '客户坚持向安全账户转账',
          amount: 600_000,
        }),
      );
      steps[1]!.push(
        ev('al2', 10, {
          source: 'bank.ccb',
          type: 'alert',
          subject: { idNumber: p.idNumber },
          partnerKind: 'bank',
          unit: '建设银行金城江支行',
          note: '客户坚持向安全账户转账',
          amount: 600_000,
        }),
      );
      steps[2]!.push(
        ev('tx', 20, {
          source: 'bank.ccb',
          type: 'transaction',
          subject: { phone: p.phone, idNumber: p.idNumber },
          account: p.account,
          kind: 'transfer',
          channel: 'counter',
          direction: 'out',
          amount: 50_000,
        }),
      );
      steps[3]!.push(
        ev('al3', 30, {
          source: 'bank.ccb',
          type: 'alert',
          subject: { account: p.account },
          partnerKind: 'bank',
          unit: '建设银行金城江支行',
          note: '客户再次要求转账',
          amount: 300_000,
        }),
      );
    }
  });
  return steps;
}

let one: Database, four: Database;
beforeAll(async () => {
  [one, four] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await ensureRoot(one.db);
  await ensureRoot(four.db);
});
afterAll(async () => {
  await one?.close();
  await four?.close();
});

async function runStories(database: Database, workers: number, steps: object[][]) {
  const rs: DetectionRuntime[] = [];
  for (let k = 0; k < workers; k++) {
    const r = createDetectionRuntime({
      db: database.db,
      pollMs: 20,
      refreshMs: 50,
      ...(workers > 1 ? { worker: { index: k, count: workers } } : {}),
      log: { info() {}, warn: (o, m) => console.warn(m, o), error: (o, m) => console.error(m, o) },
    });
    await r.start();
    rs.push(r);
  }
  try {
    for (const step of steps) {
      const res = await ingestEvents(database.db, SYSTEM_ACTOR, step);
      expect(res.accepted, JSON.stringify(res.results.filter((x) => x.status !== 'accepted'))).toBe(step.length);
      for (;;) {
        await Promise.all(rs.map((r) => r.idle()));
        const [x] = rows<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from event_queue`));
        if (Number(x!.n) === 0) break;
      }
    }
    return rs.map((r) => r.stats());
  } finally {
    for (const r of rs) await r.stop();
  }
}

async function warningsOf(database: Database) {
  const ws = rows<{
    subject_key: string;
    level: string;
    status: string;
    rule_hits: { ruleId: string; eventIds: string[] }[];
    disposition: unknown;
  }>(
    await database.db.execute(
      sql`select subject_key, level, status, rule_hits, disposition from warnings order by subject_key, opened_at`,
    ),
  );
  return ws.map((w) => ({
    key: w.subject_key,
    level: w.level,
    open: w.status !== 'closed',
    hits: w.rule_hits.map((h) => `${h.ruleId}:${[...h.eventIds].sort().join(',')}`).sort(),
  }));
}

describe('identity resolved before partitioning', () => {
  it('groups a batch: keys joined through events and stored subjects, the oldest subject first', () => {
    const g = groupBatch(
      [['p:1'], ['a:2'], ['p:1', 'a:2'], ['i:3'], ['p:9', 'i:4']],
      new Map([
        ['a:2', 7],
        ['p:9', 5],
        ['i:4', 3],
      ]),
    );
    const byKeys = g.map((x) => ({ roots: x.roots, keys: x.keys.sort(), rows: x.rows }));
    expect(byKeys).toContainEqual({ roots: [7], keys: ['p:1'], rows: [0, 1, 2] });
    expect(byKeys).toContainEqual({ roots: [], keys: ['i:3'], rows: [3] });
    expect(byKeys).toContainEqual({ roots: [3, 5], keys: [], rows: [4] });
  });

  it(
    'the multi-identifier stories give the same warnings with 1 and with 4 workers',
    { timeout: 120_000 },
    async () => {
      const steps = stories('a');
      await runStories(one, 1, steps);
      const stats = await runStories(four, W, steps);
      expect(stats.filter((s) => s.decided > 0).length).toBeGreaterThan(1); // the work really was shared

      const [a, b] = [await warningsOf(one), await warningsOf(four)];
      expect(a.length).toBeGreaterThan(8);
      expect(b).toEqual(a);
      expect(stats.reduce((n, s) => n + s.adopted, 0)).toBeGreaterThan(0); // and merged people moved between workers
      // one open warning per person at the end, and it holds the evidence of all their identifiers
      expect(a.filter((w) => w.open)).toHaveLength(8);
      const v = await verifyAgainstReference(
        four.db,
        steps.flat().map((e) => e as { source: string; id: string }),
      );
      expect(v.undecided).toBe(0);
      expect(v.missingAcked).toEqual([]);

      // every event of a person sits in the partition of that person
      const split = rows<{ subject: string; n: number }>(
        await four.db.execute(sql`
      select s.root_id as subject, count(distinct e.partition % ${W})::int as n
      from events e join (select id, coalesce(root, id) as root_id from subjects) s on s.id = e.subject group by s.root_id`),
      );
      expect(split.length).toBe(8);
      expect(split.every((x) => Number(x.n) === 1)).toBe(true);
    },
  );

  it(
    'concurrent batches naming the same people in different orders: all stored, one partition per person',
    { timeout: 120_000 },
    async () => {
      const ps = people(12, 90_000);
      const batch = (b: number) =>
        ps.flatMap((p, i) => {
          // each batch names the people by different identifier pairs, so batches join subjects other batches created
          const subject = [
            { phone: p.phone },
            { idNumber: p.idNumber },
            { account: p.account },
            { phone: p.phone, account: p.account },
            { idNumber: p.idNumber, account: p.account },
          ][(b + i) % 5]!;
          return [
            {
              id: `cc-${b}-${i}`,
              source: 'bank.ccb',
              type: 'alert',
              occurredAt: iso(b),
              subject,
              partnerKind: 'bank',
              unit: '建设银行金城江支行',
              note: '核实中',
              amount: 1_000,
            },
          ];
        });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, b) =>
          ingestEvents(four.db, SYSTEM_ACTOR, b % 2 ? batch(b).reverse() : batch(b)),
        ),
      );
      expect(results.map((r) => r.accepted)).toEqual(Array(10).fill(12));
      const split = rows<{ root: string; parts: number; events: number }>(
        await four.db.execute(sql`
      select coalesce(s.root, s.id) as root, count(distinct e.partition)::int as parts, count(*)::int as events
      from events e join subjects s on s.id = e.subject where e.ext_id like 'cc-%' group by 1`),
      );
      expect(split.every((x) => Number(x.parts) === 1)).toBe(true);
      expect(split.reduce((n, x) => n + Number(x.events), 0)).toBe(120);
      expect(split.length).toBe(12); // each person one subject in the end
    },
  );
});
