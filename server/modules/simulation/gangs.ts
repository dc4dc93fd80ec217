// Gangs: the shared infrastructure of a fraud group — phone pools, mule accounts, domains, apps. Victims of
// one gang meet the same identifiers, which is what case linkage (串并案) and indicator lists feed on.
import type { Rng } from './prng.ts';
import { BANKS, SURNAMES, GIVEN, type BankCode } from './distributions.ts';
import { bankCard, mobile, pickBank, pickCarrier, sha256Like } from './ids.ts';
import type { FraudTypeScript, PeerKind } from './script-types.ts';

export interface Mule {
  bank: BankCode;
  bankName: string;
  card: string;
  name: string;
}
export interface Gang {
  id: string;
  type: string;
  numbers: Record<PeerKind, string[]>;
  mules: Mule[];
  domains: string[];
  app: { name: string; package: string; sha256: string };
}

const INTL_CODES = ['63', '855', '95', '856', '66', '60', '852'];
const AREA_CODES = ['0778', '0771', '010', '021', '0755', '020'];
const SERVICE = BANKS.map((b) => b.service);

/** A domestic-looking number shown with a "+" or "00" prefix: the spoofing signal of domain.md §9. */
function spoofed(rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `+${rng.pick(AREA_CODES)}96110`;
    case 1:
      return `00${rng.pick(SERVICE)}`;
    case 2:
      return `+${mobile(rng, pickCarrier(rng))}`;
    default:
      return `${rng.chance(0.5) ? '+' : '00'}${rng.pick(AREA_CODES)}${rng.int(2, 8)}${rng.digits(6)}`; // a landline behind +/00
  }
}

export function makeGang(rng: Rng, type: FraudTypeScript, index: number): Gang {
  const n = <T>(min: number, max: number, f: () => T): T[] => Array.from({ length: rng.int(min, max) }, f);
  const slug = rng.letters(rng.int(5, 9));
  return {
    id: `G-${type.code}-${index + 1}`,
    type: type.code,
    numbers: {
      mobile: n(3, 8, () => mobile(rng, pickCarrier(rng))),
      virtual: n(2, 5, () => mobile(rng, 'cmcc', true)),
      spoofed: n(2, 4, () => spoofed(rng)),
      intl: n(2, 4, () => `+${rng.pick(INTL_CODES)}${rng.digits(9)}`),
      port106: n(1, 3, () => `106${rng.digits(rng.int(8, 11))}`),
    },
    // first-level mule accounts: real BINs, bought from 卡农 all over the country
    mules: n(2, 5, () => {
      const bank = pickBank(rng);
      return {
        bank,
        bankName: BANKS.find((b) => b.code === bank)!.name,
        card: bankCard(rng, bank),
        name: rng.pick(SURNAMES) + rng.pick(GIVEN) + rng.pick(GIVEN),
      };
    }),
    domains: n(1, 3, () => `${slug}${rng.int(1, 99)}${rng.pick(type.tlds)}`),
    app: { name: rng.pick(type.appNames), package: `com.${rng.letters(4)}.${slug}`, sha256: sha256Like(rng) },
  };
}

export const CHAT_APPS = [
  ['Telegram', 'org.telegram.messenger'],
  ['蝙蝠', 'com.bat.chat'],
  ['QQ', 'com.tencent.mobileqq'],
  ['Skype', 'com.skype.raider'],
] as const;
export const DATING_APPS = [
  ['探探', 'com.p1.mobile.putong'],
  ['Soul', 'cn.soulapp.android'],
  ['陌陌', 'com.immomo.momo'],
] as const;
