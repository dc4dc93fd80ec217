import { compactAlnum } from './chars.ts';

// GB 11643-1999 citizen identity numbers, plus the 15-digit first-generation format (GB 11643-1989).

export type Sex = 'M' | 'F';
export type ResidentIdRejectReason =
  | 'empty'
  | 'invalid_characters'
  | 'invalid_length'
  | 'invalid_format' // X anywhere but the last place, or X in a 15-digit ID
  | 'invalid_region'
  | 'invalid_birth_date'
  | 'future_birth_date'
  | 'invalid_checksum';

export interface ResidentIdOk {
  ok: true;
  /** Always the 18-character form with upper-case X; a 15-digit input is upgraded, so one person has one key. */
  normalized: string;
  /** True when the input was a 15-digit legacy ID. */
  legacy: boolean;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: Sex;
  /** GB/T 2260 code at issue time (first 6 digits); codes are never reused, but may since have been abolished. */
  regionCode: string;
  provinceCode: string;
  provinceName: string;
  reason: undefined;
}
export interface ResidentIdError {
  ok: false;
  reason: ResidentIdRejectReason;
  normalized: undefined;
  // Optional so callers can read r.birthDate etc. without narrowing first.
  legacy?: undefined;
  birthDate?: undefined;
  sex?: undefined;
  regionCode?: undefined;
  provinceCode?: undefined;
  provinceName?: undefined;
}
export type ResidentIdResult = ResidentIdOk | ResidentIdError;

export interface ResidentIdOptions {
  /** "Today" for the not-in-the-future rule; defaults to the current date in China (UTC+8). */
  today?: Date;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

// Province-level codes; 83 is used by residence permits for Taiwan residents (830000).
const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
  '83': '台湾',
};

/** Province name for a two-digit province code, or undefined. */
export function provinceName(code: string): string | undefined {
  return Object.hasOwn(PROVINCES, code) ? PROVINCES[code] : undefined;
}

/** GB 11643 check character for the first 17 digits ('0'-'9' or 'X'). Throws on malformed input (programmer error). */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError('residentIdCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * 15-digit legacy ID → 18-digit: insert the century '19' and append the check character.
 * First-generation IDs were issued 1984–2004 to people born in the 1900s, so '19' is the rule
 * (the 996–999 sequences once reserved for centenarians are out of scope). Returns null unless given 15 digits.
 */
export function upgradeTo18(id15: string): string | null {
  const s = compactAlnum(id15.trim());
  if (s === null || !/^\d{15}$/.test(s)) return null;
  const first17 = s.slice(0, 6) + '19' + s.slice(6);
  return first17 + residentIdCheckChar(first17);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Today as YYYYMMDD in China Standard Time: an ID issued in Beijing at 07:00 must not look "born tomorrow". */
function chinaToday(today?: Date): number {
  const d = new Date((today ?? new Date()).getTime() + 8 * 3600_000);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

function err(reason: ResidentIdRejectReason): ResidentIdError {
  return { ok: false, reason, normalized: undefined };
}

/** Parses and validates a resident ID (18-digit or 15-digit legacy). Never throws. */
export function parseResidentId(raw: string, options: ResidentIdOptions = {}): ResidentIdResult {
  if (typeof raw !== 'string') return err('empty');
  const s = compactAlnum(raw.trim());
  if (s === null) return err('invalid_characters');
  if (s.length === 0) return err('empty');
  if (s.length !== 18 && s.length !== 15) return err('invalid_length');
  const legacy = s.length === 15;
  let id: string;
  if (legacy) {
    if (!/^\d{15}$/.test(s)) return err('invalid_format');
    id = upgradeTo18(s)!;
  } else {
    if (!/^\d{17}[\dXx]$/.test(s)) return err('invalid_format');
    id = s.charCodeAt(17) === 120 ? s.slice(0, 17) + 'X' : s; // lower-case x from hand-typed forms
  }

  const provinceCode = id.slice(0, 2);
  const pName = provinceName(provinceCode);
  if (pName === undefined) return err('invalid_region');

  const y = Number(id.slice(6, 10)),
    m = Number(id.slice(10, 12)),
    d = Number(id.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!))
    return err('invalid_birth_date');
  if (y * 10000 + m * 100 + d > chinaToday(options.today)) return err('future_birth_date');

  // Checked last: a wrong date or region is the more useful message for a human fixing a typo.
  if (!legacy && residentIdCheckChar(id.slice(0, 17)) !== id[17]) return err('invalid_checksum');

  return {
    ok: true,
    normalized: id,
    legacy,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F',
    regionCode: id.slice(0, 6),
    provinceCode,
    provinceName: pName,
    reason: undefined,
  };
}
