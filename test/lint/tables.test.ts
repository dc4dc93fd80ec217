// "No module reads another's tables", for what dependency-cruiser cannot see: SQL text. A module's drizzle queries
// name another module's table only by importing its schema.ts (the module-internals rule forbids that, org's units
// excepted); raw SQL names it in a string. This reads every module's source (tests and testing/ support aside: a test
// arranges and inspects rows anywhere) for SQL that selects from, joins, inserts into or updates a table another
// module owns (the owner: the module whose schema.ts declares it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const modulesDir = path.join(root, 'server/modules');

/** table name → owning module, from every `pgTable('name'` of server/modules/<module>/schema.ts */
export function tableOwners(dir: string): Map<string, string> {
  const owners = new Map<string, string>();
  for (const mod of fs.readdirSync(dir)) {
    const schema = path.join(dir, mod, 'schema.ts');
    if (!fs.existsSync(schema)) continue;
    for (const m of fs.readFileSync(schema, 'utf8').matchAll(/pgTable\(\s*'([a-z_0-9]+)'/g)) owners.set(m[1]!, mod);
  }
  return owners;
}

/** `module/file:line table (owner)` for each SQL reference to another module's table in `dir`'s module sources. */
export function foreignTableReads(dir: string, shared: ReadonlySet<string>): string[] {
  const owners = tableOwners(dir);
  const found: string[] = [];
  const walk = (mod: string, d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'testing') walk(mod, p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'schema.ts') {
        fs.readFileSync(p, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // prose about a table is not a read
            for (const m of line.matchAll(/\b(?:from|join|into|update)\s+"?([a-z_0-9]+)"?/gi)) {
              const owner = owners.get(m[1]!);
              if (owner && owner !== mod && !shared.has(m[1]!))
                found.push(`${path.relative(dir, p)}:${i + 1} ${m[1]} (${owner})`);
            }
          });
      }
    }
  };
  for (const mod of fs.readdirSync(dir))
    if (fs.statSync(path.join(dir, mod)).isDirectory()) walk(mod, path.join(dir, mod));
  return found;
}

// org's units: the jurisdiction tree every scoped query joins (issue 9's one exception).
const SHARED = new Set(['units']);

describe("no module reads another's tables", () => {
  it('no SQL in a module names a table another module owns (but the jurisdiction tree)', () => {
    expect(foreignTableReads(modulesDir, SHARED)).toEqual([]);
  });

  it('finds SQL on another module’s table, and leaves the module’s own, units, tests and prose alone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-tables-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write('a/schema.ts', "export const t = pgTable('a_rows', {});\n");
    write('b/schema.ts', "export const t = pgTable('b_rows', {});\nexport const u = pgTable('units', {});\n");
    write('a/repository.ts', 'const x = sql`select * from a_rows r join units u on u.id = r.unit_id`;\n');
    write('a/service.ts', '// reads nothing from b_rows itself\nconst y = sql`update b_rows set n = 1`;\n');
    write('a/x.test.ts', 'sql`select count(*) from b_rows`;\n');
    write('a/testing/rows.ts', 'sql`insert into b_rows values (1)`;\n');
    try {
      expect(foreignTableReads(dir, SHARED)).toEqual(['a/service.ts:2 b_rows (b)']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
