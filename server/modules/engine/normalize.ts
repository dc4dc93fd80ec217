import type { ZhiwangEvent } from '../../../contract/events.ts';
import type { NormEvent, TypedEvent } from './types.ts';
import { accountKey, idKey, parseIsoMs, phoneInfo, phoneKey, plainDomestic, urlInfoOf, virtualMobile } from './ids.ts';

export class EventTimeError extends Error {}

/** Parses a contract event (already schema-validated by ingest) into the engine's form. */
export function normalizeEvent(input: ZhiwangEvent | TypedEvent): NormEvent {
  return normalizeInto(emptyNormEvent(), input);
}

export function emptyNormEvent(): NormEvent {
  return {
    id: '',
    source: '',
    type: 'call',
    t: 0,
    subjectKinds: [],
    subjectKeys: [],
    subjectPhone: null,
    subjectAccount: null,
    raw: null as unknown as TypedEvent,
    peer: null,
    peerIntl: false,
    peerSpoofed: false,
    peerVirtual: false,
    reportPeers: null,
    url: null,
    domain: null,
    ip: null,
    text: null,
    account: null,
    peerAccount: null,
  };
}

/** `normalizeEvent` into an object the caller reuses (the engine: one per engine, nothing retains it after the
 *  event, so the hot path allocates no NormEvent and no identifier arrays). Every field is overwritten. */
export function normalizeInto(n: NormEvent, input: ZhiwangEvent | TypedEvent): NormEvent {
  const e = input as unknown as TypedEvent;
  const t = parseIsoMs(e.occurredAt);
  if (Number.isNaN(t)) throw new EventTimeError(`bad occurredAt: ${e.occurredAt}`);
  // the identifier arrays are overwritten in place and their length set only when it changes: `length = 0` would
  // drop their backing stores and every event would allocate two new ones
  const keys = n.subjectKeys;
  const kinds = n.subjectKinds;
  let k = 0;
  const s = e.subject;
  const phone = s.phone ? phoneKey(s.phone) : null;
  const account = s.account ? accountKey(s.account) : null;
  if (phone) {
    keys[k] = phone;
    kinds[k++] = 0;
  }
  if (s.idNumber) {
    keys[k] = idKey(s.idNumber);
    kinds[k++] = 1;
  }
  if (account) {
    keys[k] = account;
    kinds[k++] = 2;
  }
  n.id = e.id;
  n.source = e.source;
  n.type = e.type;
  n.t = t;
  n.subjectPhone = phone;
  n.subjectAccount = account;
  n.raw = e;
  n.peer = null;
  n.peerIntl = false;
  n.peerSpoofed = false;
  n.peerVirtual = false;
  n.reportPeers = null;
  n.url = null;
  n.domain = null;
  n.ip = null;
  n.text = null;
  n.account = null;
  n.peerAccount = null;
  switch (e.type) {
    case 'call':
    case 'sms': {
      if (plainDomestic(e.peer)) {
        // most peers: their own key, never international or spoofed; no PhoneInfo object per event
        n.peer = e.peer;
        n.peerVirtual = virtualMobile(e.peer);
        if (e.type === 'sms') n.text = e.text;
        break;
      }
      const p = phoneInfo(e.peer);
      n.peer = p.key;
      n.peerIntl = p.intl;
      n.peerSpoofed = p.spoofed;
      n.peerVirtual = p.virtual;
      if (e.type === 'sms') n.text = e.text;
      break;
    }
    case 'url_visit': {
      const h = urlInfoOf(e.url); // fraud sites often live on a bare IP: http://103.x.x.x:8080/
      n.url = h.key;
      n.domain = h.domain;
      n.ip = h.ip;
      break;
    }
    case 'transaction': {
      n.account = accountKey(e.account);
      if (e.peerAccount) n.peerAccount = accountKey(e.peerAccount);
      if (n.account !== account) {
        keys[k] = n.account;
        kinds[k++] = 2;
        if (!account) n.subjectAccount = n.account;
      }
      break;
    }
    case 'alert':
      n.text = e.note;
      break;
    case 'parcel':
      n.text = e.note ? e.contents + '\n' + e.note : e.contents;
      break;
    case 'report':
      n.text = e.text;
      if (e.peers) n.reportPeers = e.peers.map(phoneKey).filter((p) => p.length >= 5);
      break;
    case 'app_install':
      break;
  }
  if (keys.length !== k) {
    keys.length = k;
    kinds.length = k;
  }
  return n;
}
