import type { ZhiwangEvent } from '../../../contract/events.ts';
import type { NormEvent, TypedEvent } from './types.ts';
import {
  accountKey,
  hostInfoOf,
  idKey,
  parseIsoMs,
  phoneInfo,
  phoneKey,
  plainDomestic,
  urlKey,
  virtualMobile,
} from './ids.ts';

export class EventTimeError extends Error {}

/** Parses a contract event (already schema-validated by ingest) into the engine's form. */
export function normalizeEvent(input: ZhiwangEvent | TypedEvent): NormEvent {
  const e = input as unknown as TypedEvent;
  const t = parseIsoMs(e.occurredAt);
  if (Number.isNaN(t)) throw new EventTimeError(`bad occurredAt: ${e.occurredAt}`);
  const keys: string[] = [];
  const kinds: number[] = [];
  const s = e.subject;
  const phone = s.phone ? phoneKey(s.phone) : null;
  const account = s.account ? accountKey(s.account) : null;
  if (phone) {
    keys.push(phone);
    kinds.push(0);
  }
  if (s.idNumber) {
    keys.push(idKey(s.idNumber));
    kinds.push(1);
  }
  if (account) {
    keys.push(account);
    kinds.push(2);
  }
  const n: NormEvent = {
    id: e.id,
    source: e.source,
    type: e.type,
    t,
    subjectKinds: kinds,
    subjectKeys: keys,
    subjectPhone: phone,
    subjectAccount: account,
    raw: e,
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
      const h = hostInfoOf(e.url); // fraud sites often live on a bare IP: http://103.x.x.x:8080/
      n.url = urlKey(e.url);
      n.domain = h.domain;
      n.ip = h.ip;
      break;
    }
    case 'transaction': {
      n.account = accountKey(e.account);
      if (e.peerAccount) n.peerAccount = accountKey(e.peerAccount);
      if (n.account !== account) {
        keys.push(n.account);
        kinds.push(2);
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
  return n;
}
