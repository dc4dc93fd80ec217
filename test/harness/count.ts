import type { Db } from '../../server/platform/db/index.ts';

/**
 * Counts what really reaches the database through `db`: every statement the driver sends (BEGIN and COMMIT
 * included) and every transaction, on PGlite (its query/exec/transaction) and on PostgreSQL (each pooled
 * client's query). Returns the counter and a function that removes the hooks.
 */
export interface QueryCount {
  statements: number;
  transactions: number;
  texts: string[];
}

export function countQueries(db: Db): { count: QueryCount; reset(): void; stop(): void } {
  const count: QueryCount = { statements: 0, transactions: 0, texts: [] };
  const seen = (text: unknown) => {
    const t = typeof text === 'string' ? text : ((text as { text?: string } | null)?.text ?? String(text));
    count.statements++;
    count.texts.push(t);
    if (/^\s*begin\b/i.test(t)) count.transactions++;
  };
  const client = (db as unknown as { $client: Record<string, unknown> }).$client;
  const undo: (() => void)[] = [];
  const patch = (
    obj: Record<string, unknown>,
    name: string,
    wrap: (orig: (...a: unknown[]) => unknown) => (...a: unknown[]) => unknown,
  ) => {
    const orig = obj[name] as (...a: unknown[]) => unknown;
    obj[name] = wrap(orig.bind(obj));
    undo.push(() => {
      obj[name] = orig;
    });
  };
  const countQuery =
    (orig: (...a: unknown[]) => unknown) =>
    (...a: unknown[]) => {
      seen(a[0]);
      return orig(...a);
    };
  let active = true;
  if (typeof client.connect === 'function' && typeof client.totalCount === 'number') {
    // pg.Pool: every statement runs on a checked-out client (pool.query checks one out too, with a callback)
    const hooked = new WeakSet<object>();
    const hook = (c: Record<string, unknown>) => {
      if (!c || hooked.has(c)) return c;
      hooked.add(c);
      const q = (c.query as (...x: unknown[]) => unknown).bind(c);
      c.query = (...x: unknown[]) => (active ? countQuery(q)(...x) : q(...x));
      return c;
    };
    patch(client, 'connect', (orig) => (...a: unknown[]) => {
      const cb = a[0];
      if (typeof cb === 'function')
        return orig((err: unknown, c: Record<string, unknown>, done: unknown) => cb(err, err ? c : hook(c), done));
      return (orig(...a) as Promise<Record<string, unknown>>).then(hook);
    });
  } else {
    // PGlite: BEGIN and COMMIT are sent by its transaction(); the statements inside go through the tx handle
    patch(client, 'query', countQuery);
    patch(client, 'exec', countQuery);
    patch(
      client,
      'transaction',
      (orig) => (fn: unknown) =>
        orig(async (tx: Record<string, unknown>) => {
          seen('BEGIN');
          const inner = {
            ...tx,
            query: countQuery(tx.query as (...a: unknown[]) => unknown),
            exec: countQuery(tx.exec as (...a: unknown[]) => unknown),
          };
          Object.defineProperty(inner, 'closed', { get: () => tx.closed });
          try {
            return await (fn as (t: unknown) => Promise<unknown>)(inner);
          } finally {
            seen('COMMIT');
          }
        }),
    );
  }
  return {
    count,
    reset() {
      count.statements = 0;
      count.transactions = 0;
      count.texts = [];
    },
    stop() {
      active = false;
      for (const u of undo.reverse()) u();
    },
  };
}
