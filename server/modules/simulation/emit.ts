// Builders for contract events. Every simulated event is built here so the shapes stay in one place.
import type { ZhiwangEvent } from '../../../contract/events.ts';
import type { Person } from './population.ts';

// A simulated event is a contract event (the schema test proves every generated one validates).
export type SimEvent = ZhiwangEvent;
type Of<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;

/** An event before its id and timestamp string are assigned (after the day is sorted). */
export interface Timed {
  t: number; // epoch ms
  ev: SimEvent;
}

const subj = (p: Person) => ({ phone: p.phone });
// banks know the customer's reserved phone (预留手机号): it is what links bank and telecom signals of one person
const bankSubj = (p: Person, account: string) => ({ phone: p.phone, account, idNumber: p.idNumber, name: p.name });
const telecom = (p: Person) => `telecom.${p.carrier}`;

export function call(
  t: number,
  p: Person,
  peer: string,
  direction: 'in' | 'out',
  durationSec: number,
  result: 'answered' | 'missed' | 'busy' | 'rejected' = 'answered',
): Timed {
  const d = result === 'answered' ? Math.max(1, Math.min(86_400, Math.round(durationSec))) : 0;
  return {
    t,
    ev: {
      id: '',
      source: telecom(p),
      occurredAt: '',
      subject: subj(p),
      type: 'call',
      peer,
      direction,
      durationSec: d,
      result,
    },
  };
}

export function sms(t: number, p: Person, peer: string, text: string, direction: 'in' | 'out' = 'in'): Timed {
  return {
    t,
    ev: { id: '', source: telecom(p), occurredAt: '', subject: subj(p), type: 'sms', peer, direction, text },
  };
}

export function urlVisit(t: number, p: Person, url: string): Timed {
  return { t, ev: { id: '', source: telecom(p), occurredAt: '', subject: subj(p), type: 'url_visit', url } };
}

/** App installs are reported by the national anti-fraud app (国家反诈中心 APP) on the phone. */
export function appInstall(t: number, p: Person, appName: string, pkg: string, sha256?: string): Timed {
  const ev: Of<'app_install'> = {
    id: '',
    source: 'app.nafc',
    occurredAt: '',
    subject: subj(p),
    type: 'app_install',
    appName,
    package: pkg,
  };
  if (sha256) ev.sha256 = sha256;
  return { t, ev };
}

export interface TxSpec {
  account: { bank: string; card: string };
  kind: 'transfer' | 'withdrawal' | 'deposit' | 'loan' | 'payment';
  channel: 'counter' | 'online' | 'mobile' | 'atm' | 'pos';
  direction: 'in' | 'out';
  amount: number;
  peerAccount?: string;
  peerName?: string;
  peerBank?: string;
}

export function tx(t: number, p: Person, s: TxSpec): Timed {
  const ev: Of<'transaction'> = {
    id: '',
    source: `bank.${s.account.bank}`,
    occurredAt: '',
    subject: bankSubj(p, s.account.card),
    type: 'transaction',
    account: s.account.card,
    kind: s.kind,
    channel: s.channel,
    direction: s.direction,
    amount: Math.max(0.01, Math.round(s.amount * 100) / 100),
  };
  if (s.peerAccount) ev.peerAccount = s.peerAccount;
  if (s.peerName) ev.peerName = s.peerName;
  if (s.peerBank) ev.peerBank = s.peerBank;
  return { t, ev };
}

export function bankAlert(t: number, p: Person, bank: string, unit: string, note: string, amount?: number): Timed {
  const ev: Of<'alert'> = {
    id: '',
    source: `bank.${bank}`,
    occurredAt: '',
    subject: { phone: p.phone, idNumber: p.idNumber, name: p.name },
    type: 'alert',
    partnerKind: 'bank',
    unit,
    note,
  };
  if (amount !== undefined) ev.amount = Math.round(amount);
  return { t, ev };
}

export function parcel(t: number, p: Person, courier: string, contents: string, sender?: string, note?: string): Timed {
  const ev: Of<'parcel'> = {
    id: '',
    source: `logistics.${courier}`,
    occurredAt: '',
    subject: { phone: p.phone, name: p.name },
    type: 'parcel',
    contents,
  };
  if (sender) ev.sender = sender;
  if (note) ev.note = note;
  return { t, ev };
}

export function report(t: number, p: Person, text: string, peers: string[]): Timed {
  return {
    t,
    ev: {
      id: '',
      source: 'police.96110',
      occurredAt: '',
      subject: { phone: p.phone, idNumber: p.idNumber, name: p.name },
      type: 'report',
      text,
      peers: peers.slice(0, 50),
    },
  };
}

const CST_MS = 8 * 3600_000;
/** ISO 8601 in China Standard Time, as partners send it: 2026-11-03T14:22:05+08:00. */
export function isoCst(t: number): string {
  // hand-rolled: Date#toISOString was the generator's top cost (millions of calls); cache the date part
  const local = t + CST_MS;
  const day = Math.floor(local / 86_400_000);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 11);
  }
  const s = Math.floor((local - day * 86_400_000) / 1000);
  const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60),
    sec = s % 60;
  return cachedDate + (h < 10 ? '0' : '') + h + (m < 10 ? ':0' : ':') + m + (sec < 10 ? ':0' : ':') + sec + '+08:00';
}
let cachedDay = NaN;
let cachedDate = '';
