// Small event builders for tests and the benchmark: valid contract v1 events with sensible defaults.
import type { TypedEvent } from '../types.ts';

let seq = 0;
const base = (over: Partial<TypedEvent> & { at: string; phone?: string; idNumber?: string; account?: string }) => ({
  id: over.id ?? `e${++seq}`,
  source: over.source ?? 'test.src',
  occurredAt: over.at,
  subject: {
    ...(over.phone ? { phone: over.phone } : {}),
    ...(over.idNumber ? { idNumber: over.idNumber } : {}),
    ...(over.account ? { account: over.account } : {}),
  },
});
type Who = { at: string; id?: string; source?: string; phone?: string; idNumber?: string; account?: string };

export const call = (
  w: Who,
  peer: string,
  durationSec: number,
  o: { direction?: 'in' | 'out'; result?: 'answered' | 'missed' } = {},
): TypedEvent => ({
  ...base(w),
  type: 'call',
  peer,
  direction: o.direction ?? 'in',
  durationSec,
  result: o.result ?? 'answered',
});
export const sms = (w: Who, peer: string, text: string, direction: 'in' | 'out' = 'in'): TypedEvent => ({
  ...base(w),
  type: 'sms',
  peer,
  direction,
  text,
});
export const visit = (w: Who, url: string): TypedEvent => ({ ...base(w), type: 'url_visit', url });
export const install = (w: Who, appName: string, pkg?: string): TypedEvent => ({
  ...base(w),
  type: 'app_install',
  appName,
  ...(pkg ? { package: pkg } : {}),
});
export const tx = (
  w: Who & { account: string },
  kind: 'transfer' | 'withdrawal' | 'deposit' | 'loan' | 'payment',
  direction: 'in' | 'out',
  amount: number,
  o: { peerAccount?: string; channel?: 'counter' | 'online' | 'mobile' | 'atm' | 'pos'; peerName?: string } = {},
): TypedEvent => ({
  ...base(w),
  type: 'transaction',
  account: w.account,
  kind,
  direction,
  amount,
  channel: o.channel ?? 'mobile',
  ...(o.peerAccount ? { peerAccount: o.peerAccount } : {}),
  ...(o.peerName ? { peerName: o.peerName } : {}),
});
export const alert = (
  w: Who,
  partnerKind: 'bank' | 'gold_shop' | 'logistics' | 'telecom' | 'school' | 'community',
  unit: string,
  note: string,
  amount?: number,
): TypedEvent => ({ ...base(w), type: 'alert', partnerKind, unit, note, ...(amount !== undefined ? { amount } : {}) });
export const parcel = (w: Who, contents: string, note?: string): TypedEvent => ({
  ...base(w),
  type: 'parcel',
  contents,
  ...(note ? { note } : {}),
});
export const report = (w: Who, text: string, peers?: string[]): TypedEvent => ({
  ...base(w),
  type: 'report',
  text,
  ...(peers ? { peers } : {}),
});

/** ISO time `min` minutes after a fixed start, with a +08:00 offset like partners send. */
export function at(min: number): string {
  const d = new Date(Date.UTC(2026, 5, 19, 1, 0, 0) + min * 60_000 + 8 * 3600_000);
  return d.toISOString().replace('Z', '+08:00');
}
