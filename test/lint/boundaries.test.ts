// Module boundaries are checked, not hoped for: dependency-cruiser with .dependency-cruiser.cjs over the real tree,
// and the rules themselves on a small tree that breaks each of them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'node_modules/.bin/depcruise');
const config = path.join(root, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string; severity: string };
  from: string;
  to: string;
}
async function cruise(cwd: string, targets: string[], extra: string[] = []): Promise<Violation[]> {
  const { stdout } = await run(bin, [...targets, '--config', config, '--output-type', 'json', ...extra], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' })); // exit code = number of violations
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations.filter(
    (v) => v.rule.severity !== 'ignore',
  );
}

describe('module boundaries', () => {
  it('the tree breaks no boundary rule', async () => {
    // No baseline of known violations: every one is fixed where it appears.
    const violations = await cruise(root, ['server', 'web/src', 'contract']);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 120_000);

  it('each rule catches what it forbids', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-boundaries-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write(
      'tsconfig.json',
      JSON.stringify({ compilerOptions: { module: 'nodenext', allowImportingTsExtensions: true, noEmit: true } }),
    );
    write('server/modules/a/index.ts', "export { a } from './service.ts';\n");
    write('server/modules/a/service.ts', "import { b } from '../b/repository.ts';\nexport const a = () => b;\n");
    write('server/modules/b/index.ts', "export { b } from './repository.ts';\nexport { c } from './service.ts';\n");
    write('server/modules/b/repository.ts', 'export const b = 1;\n');
    write('server/modules/b/service.ts', "import { d } from '../c/index.ts';\nexport const c = () => d;\n");
    write(
      'server/modules/c/index.ts',
      "import { c } from '../b/index.ts';\nexport const d = 2;\nexport const e = () => c;\n",
    );
    write('server/platform/http.ts', "import { a } from '../modules/a/index.ts';\nexport const h = a;\n");
    write('web/src/page.ts', "import { a } from '../../server/modules/a/index.ts';\nexport const p = a;\n");
    write('contract/x.ts', "import { p } from '../web/src/page.ts';\nexport const x = p;\n");
    // a schema may reference another module's tables, and name a column type from its index.ts (type-only), no more
    write('server/modules/b/schema.ts', 'export const bRows = 1;\n');
    write(
      'server/modules/a/schema.ts',
      "import { bRows } from '../b/schema.ts';\nimport type { B } from '../b/index.ts';\n" +
        "import { c } from '../b/service.ts';\nimport { b } from '../b/index.ts';\n" +
        'export const t: B | number = bRows + b + c();\n',
    );
    const violations = await cruise(dir, ['server', 'web/src', 'contract']);
    const names = new Set(violations.map((v) => v.rule.name));
    expect([...names].sort()).toEqual([
      'contract-is-a-leaf',
      'index-exposes-services',
      'module-cycle',
      'module-internals',
      'platform-above-modules',
      'schema-references-tables-only',
      'web-uses-contract-only',
    ]);
    expect(
      violations
        .filter((v) => v.rule.name === 'schema-references-tables-only')
        .map((v) => v.to)
        .sort(),
    ).toEqual(['server/modules/b/index.ts', 'server/modules/b/service.ts']);
    expect(violations.find((v) => v.rule.name === 'module-internals')).toMatchObject({
      from: 'server/modules/a/service.ts',
      to: 'server/modules/b/repository.ts',
    });
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
