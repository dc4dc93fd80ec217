// The searchable subject columns (subject_phone, subject_id_number) hold one normalised form per identifier, so a
// search finds the warning however the partner wrote the number and however the officer types it. The phone is
// kept in its national form (what residents and dissuasion store and what the voice/SMS channels dial), the ID in
// its 18-character form (a 15-digit legacy ID upgraded). Values that are not identifiers are kept as given.
import { phoneNational, residentIdKey } from '../identifiers/index.ts';

export function searchablePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  return phoneNational(raw) ?? raw.trim();
}

export function searchableIdNumber(raw: string | null | undefined): string | null {
  if (!raw) return null;
  return residentIdKey(raw) ?? raw.trim().toUpperCase();
}
