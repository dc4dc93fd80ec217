// The city's residents. Pure: (seed, options) → people.
import { Rng } from './prng.ts';
import {
  GIVEN,
  HECHI_REGIONS,
  OCCUPATIONS,
  POPULATION_AGE_BANDS,
  SURNAMES,
  VIRTUAL_OPERATOR_SHARE,
  type BankCode,
  type Occupation,
} from './distributions.ts';
import { bankCard, mobile, pickBank, pickCarrier, residentId } from './ids.ts';

export interface Person {
  index: number;
  name: string;
  age: number;
  male: boolean;
  occupation: Occupation;
  grid: string;
  region: string;
  idNumber: string;
  phone: string;
  carrier: string; // cmcc | unicom | ctcc (virtual-operator SIMs ride one of them)
  accounts: { bank: BankCode; card: string }[];
  /** typical monthly salary in CNY (0 for students/retired without pension); drives background amounts */
  income: number;
  /** relatives abroad call in from this country code, if any */
  abroadRelative?: string;
  /** …from these one or two fixed numbers (a relative keeps a number for years), which the person also calls */
  abroadNumbers?: string[];
}

const ABROAD_CODES = ['60', '66', '81', '84', '65', '1', '44', '61', '82', '63'];

export function makePopulation(seed: number, count: number, grids: readonly string[], now: Date): Person[] {
  const rng = Rng.derive(seed, 'population');
  const people: Person[] = [];
  for (let i = 0; i < count; i++) people.push(makePerson(rng, i, grids, now));
  return people;
}

function makePerson(rng: Rng, index: number, grids: readonly string[], now: Date): Person {
  const band = rng.weighted(POPULATION_AGE_BANDS, (b) => b.share);
  const age = rng.int(band.min, band.max);
  const male = rng.chance(0.51);
  const fitting = OCCUPATIONS.filter((o) => age >= o.minAge && age <= o.maxAge);
  const occupation = rng.weighted(fitting, (o) => o.share).code;
  const grid = rng.pick(grids);
  // A grid code that starts with a Hechi county code puts the resident there; else a random Hechi county.
  const region = HECHI_REGIONS.find((r) => grid.startsWith(r)) ?? rng.pick(HECHI_REGIONS);
  const birth = new Date(Date.UTC(now.getUTCFullYear() - age - 1, rng.int(0, 11), rng.int(1, 28)));
  const carrier = pickCarrier(rng);
  const nAccounts = age < 18 ? 1 : rng.int(1, 3);
  const accounts: Person['accounts'] = [];
  for (let k = 0; k < nAccounts; k++) {
    const bank = pickBank(rng);
    accounts.push({ bank, card: bankCard(rng, bank) });
  }
  const income =
    occupation === 'student'
      ? 0
      : occupation === 'retired'
        ? rng.int(1500, 4000)
        : Math.round(rng.logUniform(2500, 15000));
  const person: Person = {
    index,
    name: rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : ''),
    age,
    male,
    occupation,
    grid,
    region,
    idNumber: residentId(rng, region, birth, male),
    phone: mobile(rng, carrier, rng.chance(VIRTUAL_OPERATOR_SHARE)),
    carrier,
    accounts,
    income,
  };
  if (rng.chance(0.06)) {
    const cc = rng.pick(ABROAD_CODES);
    person.abroadRelative = cc;
    person.abroadNumbers = Array.from({ length: rng.int(1, 2) }, () => `+${cc}${rng.digits(9)}`);
  }
  return person;
}
