// Generated identifiers checked by the identifiers module (an independent implementation) and by the
// published BIN table when ../shared/data is present.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseResidentId } from '../identifiers/index.ts';
import { parseBankAccount } from '../identifiers/index.ts';
import { normalizePhone } from '../identifiers/index.ts';
import { makePopulation } from './population.ts';
import { makeGang } from './gangs.ts';
import { FRAUD_SCRIPTS } from './fraud-types.ts';
import { BANKS, DEFAULT_GRIDS } from './distributions.ts';
import { Rng } from './prng.ts';

const people = makePopulation(1, 3000, DEFAULT_GRIDS, new Date('2026-11-01T00:00:00Z'));

describe('population identifiers', () => {
  it('resident IDs are valid GB 11643, in Hechi (4512xx), with the right sex and age', () => {
    for (const p of people) {
      const r = parseResidentId(p.idNumber, { today: new Date('2026-11-01T00:00:00Z') });
      if (!r.ok) throw new Error(`${p.idNumber}: ${r.reason}`);
      expect(r.regionCode.startsWith('4512')).toBe(true);
      expect(r.sex).toBe(p.male ? 'M' : 'F');
      const age = 2026 - Number(r.birthDate.slice(0, 4));
      expect(Math.abs(age - p.age)).toBeLessThanOrEqual(1);
    }
  });

  it('phones are valid mobiles; some are virtual-operator segments', () => {
    let virtual = 0;
    for (const p of people) {
      const r = normalizePhone(p.phone);
      if (!r.ok || r.kind !== 'mobile') throw new Error(`${p.phone} not a mobile`);
      if (r.virtualOperator) virtual++;
    }
    expect(virtual).toBeGreaterThan(30);
    expect(virtual).toBeLessThan(300);
  });

  it('bank cards are Luhn-valid and their BIN names the bank they belong to', () => {
    for (const p of people) {
      for (const a of p.accounts) {
        const r = parseBankAccount(a.card);
        if (!r.ok) throw new Error(a.card);
        expect(r.luhnOk).toBe(true);
      }
    }
  });

  const binCsv = fileURLToPath(new URL('../../../../shared/data/reference/bcbc_bin.csv', import.meta.url));
  it.skipIf(!existsSync(binCsv))(
    'every BIN used is in the published BIN table under the same bank (skips without ../shared/data)',
    () => {
      const rows = new Map(
        readFileSync(binCsv, 'utf8')
          .split('\n')
          .slice(1)
          .map((l) => l.split(','))
          .map((c) => [c[0], c] as const),
      );
      for (const b of BANKS) {
        for (const bin of b.bins) {
          const row = rows.get(bin);
          expect(row, bin).toBeDefined();
          expect(row![1]).toBe(b.bcbc);
          expect(Number(row![3])).toBe(b.code === 'cmb' ? 16 : 19);
        }
      }
    },
  );
});

describe('gang identifiers', () => {
  it('spoofed numbers look like spoofs to the identifiers module; intl numbers are international', () => {
    const rng = new Rng(4);
    let spoofs = 0;
    let total = 0;
    for (const s of FRAUD_SCRIPTS) {
      const g = makeGang(rng, s, 0);
      for (const n of g.numbers.spoofed) {
        total++;
        const r = normalizePhone(n);
        if (r.ok && (r.spoofSuspect || r.kind !== 'international')) spoofs++;
      }
      for (const n of g.numbers.virtual) expect(normalizePhone(n).virtualOperator, n).toBe(true);
      for (const m of g.mules) expect(parseBankAccount(m.card).ok && parseBankAccount(m.card).luhnOk).toBe(true);
    }
    expect(spoofs / total).toBeGreaterThan(0.7);
  });
});
