// The searchable subject columns (subject_phone, subject_id_number) hold the canonical key of the identifier
// (identifiers/keys.ts), so a search finds the warning however the partner wrote the number and however the officer
// types it. For a Chinese phone that is its national form, what residents and dissuasion store and the voice/SMS
// channels dial; an ID is its 18-character form (a 15-digit legacy ID upgraded). Non-identifiers are kept as given.
import { phoneKey, residentIdKey } from '../identifiers/index.ts';

export function searchablePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  return phoneKey(raw) ?? raw.trim();
}

export function searchableIdNumber(raw: string | null | undefined): string | null {
  if (!raw) return null;
  return residentIdKey(raw) ?? raw.trim().toUpperCase();
}
