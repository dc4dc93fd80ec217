import type { EventType, ZhiwangEvent } from '../../../contract/events.ts';
import type { ServerText } from '../../../contract/texts.ts';

// The v1 event contract, as the engine reads it.
export type TypedEvent = ZhiwangEvent;

export type Level = 'high' | 'medium' | 'low';
export const LEVEL_ZH: Record<Level, string> = { high: '高', medium: '中', low: '低' };
export const LEVEL_RANK: Record<Level, number> = { low: 1, medium: 2, high: 3 };

/** An event after parsing: time as epoch ms, identifiers as list/link keys. Built once, read by every rule. */
export interface NormEvent {
  id: string;
  source: string;
  type: EventType;
  t: number; // epoch ms, from occurredAt; the engine never reads the wall clock
  /** subject identifiers, normalised, with their kinds (0 phone, 1 resident id, 2 account; see ID_KIND) */
  subjectKinds: number[];
  subjectKeys: string[];
  /** normalised subject phone / account, for allow-list checks without re-slicing keys */
  subjectPhone: string | null;
  subjectAccount: string | null;
  raw: TypedEvent;
  /** call/sms peer, report peers (phones only) */
  peer: string | null;
  peerIntl: boolean;
  peerSpoofed: boolean;
  peerVirtual: boolean; // virtual-operator mobile segment (162/165/167/170/171)
  reportPeers: string[] | null;
  url: string | null; // url key
  domain: string | null;
  ip: string | null; // url_visit on a bare IP (no registrable domain): the IP's key
  /** text the script matcher reads: sms text, report text, parcel contents+note, alert note */
  text: string | null;
  /** own account (transaction), peer account (transaction) */
  account: string | null;
  peerAccount: string | null;
}

export interface RuleHit {
  ruleId: string;
  configVersion: string;
  fraudTypes: string[]; // codes from the fraud-types catalogue, most likely first
  score: number; // weight contributed, from config
  reason: string; // Chinese, plain words an officer understands
  /** the same as a code with its facts (contract/texts.ts), which the web app renders in the reader's language */
  text?: ServerText;
  eventIds: string[]; // the events that made the rule fire (this one and earlier ones)
  t: number; // time of the event that fired it
}

export type WarningAction = 'none' | 'open' | 'update' | 'raise';

export interface Decision {
  eventId: string;
  subjectId: string;
  /** subjects merged into `subjectId` by this event (their state and open warning now live there) */
  mergedSubjectIds: string[];
  action: WarningAction;
  hits: RuleHit[]; // rule hits of this event
  /** the open warning after this event, null when none */
  warning: WarningView | null;
  configVersion: string;
}

export interface WarningView {
  level: Level;
  score: number;
  fraudTypes: { code: string; name: string; score: number }[];
  hits: RuleHit[]; // all evidence hits of the open warning, in order
  eventIds: string[]; // evidence events (bounded)
  openedAt: number;
}
