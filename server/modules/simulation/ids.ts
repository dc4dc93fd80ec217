// Generators of valid identifiers. Private to the simulator (the identifiers module parses; this one makes).
import type { Rng } from './prng.ts';
import { BANKS, CARRIERS, VIRTUAL_PREFIXES, type BankCode } from './distributions.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character for the first 17 digits. */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/** 18-digit resident ID: region + birth date + sequence (odd = male) + check digit. */
export function residentId(rng: Rng, region: string, birth: Date, male: boolean): string {
  const y = birth.getUTCFullYear();
  const m = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const d = String(birth.getUTCDate()).padStart(2, '0');
  const seq = rng.int(0, 499) * 2 + (male ? 1 : 0);
  const first17 = `${region}${y}${m}${d}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheck(first17);
}

/** Luhn check digit for a card number prefix. */
export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function luhnValid(card: string): boolean {
  return luhnDigit(card.slice(0, -1)) === card.slice(-1);
}

/** Luhn-valid debit card of the given bank: real BIN, 19 digits (16 for CMB). */
export function bankCard(rng: Rng, bank: BankCode): string {
  const b = BANKS.find((x) => x.code === bank)!;
  const bin = rng.pick(b.bins);
  const len = bank === 'cmb' ? 16 : 19;
  const body = bin + rng.digits(len - 1 - bin.length);
  return body + luhnDigit(body);
}

export function pickBank(rng: Rng): BankCode {
  return rng.weighted(BANKS, (b) => b.share).code;
}

/** A Chinese mobile number; `virtual` picks a 170/171 virtual-operator segment. */
export function mobile(rng: Rng, carrier: string, virtual = false): string {
  if (virtual) {
    const p = rng.pick(VIRTUAL_PREFIXES);
    return p + rng.digits(11 - p.length);
  }
  const c = CARRIERS.find((x) => x.code === carrier) ?? CARRIERS[0];
  return rng.pick(c.prefixes) + rng.digits(8);
}

export function pickCarrier(rng: Rng): string {
  return rng.weighted(CARRIERS, (c) => c.share).code;
}

/** Landline in a Guangxi area code (0778 = Hechi). */
export function landline(rng: Rng, area = '0778'): string {
  return area + rng.int(2, 8) + rng.digits(6);
}

export function sha256Like(rng: Rng): string {
  return rng.letters(64, '0123456789abcdef');
}
