import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinTable, builtinBinTable, loadBinTable, luhnValid, parseBankAccount } from './bank-card.ts';

/** Appends the Luhn check digit. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['79927398710', false],
    ['0', true],
    ['', false],
  ])('%s → %s', (s, ok) => expect(luhnValid(s)).toBe(ok));
  it('property: appending the computed digit always validates, any other final digit never does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5,25}$/), fc.integer({ min: 1, max: 9 }), (body, delta) => {
        const card = withLuhn(body);
        const wrong = body + ((Number(card.at(-1)) + delta) % 10);
        return luhnValid(card) && !luhnValid(wrong);
      }),
    );
  });
});

describe('parseBankAccount', () => {
  const icbc = withLuhn('622202' + '160200123456'); // 19-digit ICBC debit (UnionPay 62 prefix)
  it('a Luhn-valid ICBC card, however it is written', () => {
    for (const raw of [
      icbc,
      `${icbc.slice(0, 4)} ${icbc.slice(4, 8)} ${icbc.slice(8, 12)} ${icbc.slice(12)}`,
      icbc.replace(/(\d{4})/g, '$1-'),
      ` ${icbc}\t`,
    ]) {
      expect(parseBankAccount(raw)).toEqual({
        ok: true,
        normalized: icbc,
        isCardLength: true,
        luhnOk: true,
        bank: { code: 'ICBC', name: '中国工商银行', cardType: 'debit' },
        reason: undefined,
      });
    }
  });
  it('Luhn failure is a warning, not a rejection', () => {
    const bad = icbc.slice(0, -1) + ((Number(icbc.at(-1)) + 1) % 10);
    expect(parseBankAccount(bad)).toMatchObject({ ok: true, luhnOk: false, bank: { code: 'ICBC' } });
  });
  it.each([
    ['622848', 19, 'ABC'],
    ['621661', 19, 'BOC'],
    ['621700', 19, 'CCB'],
    ['436742', 19, 'CCB'],
    ['622260', 19, 'COMM'],
    ['622588', 16, 'CMB'],
    ['621483', 16, 'CMB'],
    ['621799', 19, 'PSBC'],
    ['622188', 19, 'PSBC'],
    ['622908', 18, 'CIB'],
    ['9558', 19, 'ICBC'],
    ['103', 19, 'ABC'],
  ])('BIN %s (%i digits) → %s', (bin, len, code) => {
    const card = withLuhn(bin + '1'.repeat(len - bin.length - 1));
    expect(parseBankAccount(card)).toMatchObject({ ok: true, luhnOk: true, bank: { code } });
  });
  it('a BIN entry only matches cards of its length', () => {
    expect(parseBankAccount(withLuhn('622588' + '1'.repeat(9))).bank?.code).toBe('CMB'); // 16 digits
    expect(parseBankAccount(withLuhn('622588' + '1'.repeat(12))).bank).toBeUndefined(); // 19 digits
  });
  it('unknown BIN → no bank, still ok', () =>
    expect(parseBankAccount(withLuhn('999999' + '0'.repeat(12)))).toMatchObject({ ok: true, bank: undefined }));

  it.each([
    ['1234567890', false],
    ['123456789012345', false],
    ['1'.repeat(16), true],
    ['1'.repeat(19), true],
    ['1'.repeat(20), false],
    ['1'.repeat(30), false],
  ])('account %s: ok, isCardLength=%s, luhnOk only for card lengths', (raw, isCard) => {
    const r = parseBankAccount(raw);
    expect(r).toMatchObject({ ok: true, isCardLength: isCard });
    if (r.ok) expect(r.luhnOk === null).toBe(!isCard);
  });
  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['123456789', 'too_short'],
    ['1'.repeat(31), 'too_long'],
    ['6222O21234567890123', 'invalid_characters'],
    ['6222/0212/3456', 'invalid_characters'],
    ['卡号6222021234567890123', 'invalid_characters'],
  ])('%j → %s', (raw, reason) => expect(parseBankAccount(raw)).toMatchObject({ ok: false, reason }));
  it('full-width digits', () =>
    expect(parseBankAccount('６２２２０２１２３４５６７８９０１２３')).toMatchObject({
      ok: true,
      normalized: '6222021234567890123',
    }));
});

describe('BinTable', () => {
  it('prefers the longest prefix', () => {
    const t = new BinTable(
      [
        ['A', '甲'],
        ['B', '乙'],
      ],
      [
        ['6222', 'A', undefined, 'DC'],
        ['622202', 'B', undefined, 'CC'],
      ],
    );
    expect(t.lookup('6222021111111111111')).toEqual({ code: 'B', name: '乙', cardType: 'credit' });
    expect(t.lookup('6222991111111111111')).toEqual({ code: 'A', name: '甲', cardType: 'debit' });
    expect(t.size).toBe(2);
  });
  it('falls back to the code when a bank has no name, and skips non-digit BINs', () => {
    const t = new BinTable(
      [],
      [
        ['6200', 'ZZ', undefined, undefined],
        ['62x', 'YY', undefined, undefined],
      ],
    );
    expect(t.lookup('6200000000000000')).toEqual({ code: 'ZZ', name: 'ZZ', cardType: undefined });
    expect(t.size).toBe(1);
  });
  it('the built-in table has the big banks', () => expect(builtinBinTable.size).toBeGreaterThanOrEqual(40));
});

describe('loadBinTable', () => {
  it('extends the built-in table from CSV files; built-in names win', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bin-'));
    await writeFile(
      join(dir, 'bin.csv'),
      '\uFEFFbin,bank,type,length\r\n621234,XYZ,DC,19\r\n622568,GDB,DC,19\r\n621260,AAA,CC,16\n621260,BBB,DC,19\n',
    );
    await writeFile(join(dir, 'name.csv'), 'bank,name\nXYZ,某某银行\nGDB,广东发展银行\nAAA,甲银行\nBBB,乙银行\n');
    const t = (await loadBinTable(join(dir, 'bin.csv'), join(dir, 'name.csv')))!;
    expect(t.size).toBe(builtinBinTable.size + 3);
    expect(parseBankAccount(withLuhn('621234' + '0'.repeat(12)), t).bank).toEqual({
      code: 'XYZ',
      name: '某某银行',
      cardType: 'debit',
    });
    expect(parseBankAccount(withLuhn('622568' + '0'.repeat(12)), t).bank?.name).toBe('广发银行');
    // Same BIN, two issuers told apart by card length.
    expect(parseBankAccount(withLuhn('621260' + '0'.repeat(9)), t).bank?.code).toBe('AAA');
    expect(parseBankAccount(withLuhn('621260' + '0'.repeat(12)), t).bank?.code).toBe('BBB');
    expect(parseBankAccount(withLuhn('622202' + '0'.repeat(12)), t).bank?.code).toBe('ICBC');
  });
  it('resolves null when the files are absent', async () => {
    expect(await loadBinTable('/nonexistent/bin.csv', '/nonexistent/name.csv')).toBeNull();
  });
  it('throws on a file without the expected columns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bin-'));
    await writeFile(join(dir, 'bin.csv'), 'prefix,issuer\n621234,XYZ\n');
    await writeFile(join(dir, 'name.csv'), 'bank,name\n');
    await expect(loadBinTable(join(dir, 'bin.csv'), join(dir, 'name.csv'))).rejects.toThrow(/missing column "bin"/);
  });

  // Third-party data lives beside the checkout and is never copied in (see ../shared/data/README.md).
  const shared = new URL('../../../../shared/data/reference/', import.meta.url);
  const present = existsSync(new URL('bcbc_bin.csv', shared));
  if (!present) console.log('skipping bcbc BIN test: ../shared/data/reference/bcbc_bin.csv not found');
  it.skipIf(!present)('loads the shared bcbc data and agrees with every built-in entry', async () => {
    const t = (await loadBinTable(new URL('bcbc_bin.csv', shared), new URL('bcbc_name.csv', shared)))!;
    expect(t.size).toBeGreaterThan(1500);
    expect(parseBankAccount(withLuhn('621700' + '0'.repeat(12)), t).bank).toMatchObject({
      code: 'CCB',
      name: '中国建设银行',
    });
    // A table from the data alone must name our hand-written BINs the same way: guards the hand table against typos.
    const dataOnly = (await loadBinTable(
      new URL('bcbc_bin.csv', shared),
      new URL('bcbc_name.csv', shared),
      new BinTable([], []),
    ))!;
    for (const [bin, code, length] of builtinBinTable.entries()) {
      const card = withLuhn(bin + '0'.repeat((length ?? 19) - bin.length - 1));
      expect([bin, dataOnly.lookup(card)?.code]).toEqual([bin, code]);
    }
  });
});
