import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkXlsx, readXlsx, writeXlsx, XlsxRefused } from './xlsx.ts';

// Finding 4 (issue 10): a spreadsheet is measured before it is parsed.

/** A minimal ZIP (deflated entries) holding the given files. */
export function zip(files: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = [],
    central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = deflateRawSync(content);
    const n = Buffer.from(name);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(8, 8);
    l.writeUInt32LE(data.length, 18);
    l.writeUInt32LE(Math.min(content.length, 0xffffffff), 22);
    l.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(100, 24); // a lying uncompressed size
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(l, n, data);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(Object.keys(files).length, 8);
  e.writeUInt16LE(Object.keys(files).length, 10);
  e.writeUInt32LE(cd.length, 12);
  e.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, e]);
}

describe('checkXlsx', () => {
  it('refuses a zip bomb after inflating at most the budget, quickly', () => {
    const bomb = zip({ 'xl/worksheets/sheet1.xml': Buffer.alloc(200 * 1024 * 1024, 0x20) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const t0 = performance.now();
    expect(() => checkXlsx(bomb, { maxUnzippedBytes: 16 * 1024 * 1024, maxRows: 10 })).toThrow(/unpacks to more than/);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
  it('refuses too many rows before parsing', () => {
    const xml = Buffer.from(`<worksheet><sheetData>${'<row r="1"><c/></row>'.repeat(200)}</sheetData></worksheet>`);
    const f = zip({ 'xl/worksheets/sheet1.xml': xml });
    expect(() => checkXlsx(f, { maxUnzippedBytes: 1e6, maxRows: 100 })).toThrow(/more than 100 rows/);
    expect(() => checkXlsx(f, { maxUnzippedBytes: 1e6, maxRows: 500 })).not.toThrow();
  });
  it('a broken or truncated file is an XlsxRefused "broken", a real one reads', async () => {
    const good = await writeXlsx('s', [{ header: '姓名', key: 'name' }], [{ name: '张三' }]);
    for (const bad of [
      Buffer.from('PK\u0003\u0004garbage'),
      good.subarray(0, good.length - 100),
      Buffer.concat([good.subarray(0, 200), Buffer.alloc(100), good.subarray(300)]),
    ]) {
      const err = await readXlsx(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(XlsxRefused);
      expect((err as XlsxRefused).kind).toBe('broken');
    }
    expect((await readXlsx(good)).rows).toEqual([{ rowNumber: 2, values: { 姓名: '张三' } }]);
  });
});
