// Who the warned person is, for the texts (劝阻话术按人群): the resident registry's birth year and occupation, else
// the birth date in the resident ID, read through the knowledge base's `audienceOf` (the same rule the warning
// page's talking points use). One query for a burst of warnings; a person the registry does not know and without
// an ID number is 'general'.
import type { Db } from '../../platform/db/index.ts';
import { parseResidentId } from '../identifiers/index.ts';
import { audienceOf, type Audience } from '../knowledge/index.ts';
import { residentProfiles } from '../residents/index.ts';

interface Who {
  subjectPhone: string | null;
  subjectIdNumber: string | null;
}

/** The age in whole years at `now` from a birth year (registry) or a birth date (resident ID). */
function ageAt(now: number, birth: { year?: number | null; date?: string | null }): number | null {
  const today = new Date(now + 8 * 3600_000);
  if (birth.date) {
    const [y, m, d] = birth.date.split('-').map(Number) as [number, number, number];
    const before = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
    return today.getUTCFullYear() - y - (before ? 1 : 0);
  }
  return birth.year ? today.getUTCFullYear() - birth.year : null;
}

export async function audiencesOf(db: Db, people: readonly Who[], now: number): Promise<Audience[]> {
  const asked = people.filter((p) => p.subjectPhone || p.subjectIdNumber);
  const profiles = asked.length
    ? await residentProfiles(
        db,
        asked.map((p) => ({ phone: p.subjectPhone, idNumber: p.subjectIdNumber })),
      )
    : [];
  return people.map((p) => {
    const r = profiles.find(
      (x) => (p.subjectIdNumber && x.idNumber === p.subjectIdNumber) || (p.subjectPhone && x.phone === p.subjectPhone),
    );
    const id = p.subjectIdNumber ? parseResidentId(p.subjectIdNumber) : null;
    const birthDate = id?.ok ? id.birthDate : null;
    const age = ageAt(now, { year: r?.birthYear ?? null, date: r?.birthYear ? null : birthDate });
    return audienceOf({ age, occupation: r?.occupation ?? null });
  });
}
