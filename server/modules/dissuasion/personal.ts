import { assertCan, PURPOSE_FIELD, PURPOSE_MISSING, type Actor } from '../../platform/auth/actor.ts';
import { invalid } from '../../platform/errors.ts';
import { maskAddress, maskName, maskPhone, maskResidentId } from '../identifiers/index.ts';

/**
 * Personal data on the warning screens (PIPL): masked unless the caller holds personal:unmask, asks for it, and
 * states why (X-Purpose, recorded in the audit row of the read). Asking without the permission is 403, without a
 * purpose 400: never a silent fall back to masked data the officer would take for the full record.
 */
export function wantsUnmasked(actor: Actor, unmask: boolean | undefined): boolean {
  if (!unmask) return false;
  assertCan(actor, 'personal:unmask');
  if (!actor.purpose?.trim()) throw invalid(PURPOSE_FIELD, PURPOSE_MISSING);
  return true;
}

export interface SubjectView {
  name: string | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
  masked: boolean;
}

export function presentSubject(
  s: {
    name?: string | undefined;
    phone?: string | null | undefined;
    idNumber?: string | null | undefined;
    address?: string | undefined;
  },
  unmasked: boolean,
): SubjectView {
  const show = (v: string | null | undefined, mask: (x: string) => string) => (v ? (unmasked ? v : mask(v)) : null);
  return {
    name: show(s.name, maskName),
    phone: show(s.phone, maskPhone),
    idNumber: show(s.idNumber, maskResidentId),
    address: show(s.address, maskAddress),
    masked: !unmasked,
  };
}

export const showPhone = (p: string | null | undefined, unmasked: boolean) =>
  p ? (unmasked ? p : maskPhone(p)) : null;
