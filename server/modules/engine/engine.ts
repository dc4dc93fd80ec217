// The decision path: normalise → link subject → text findings → rules for this event type → score →
// warning action. Pure and deterministic in the event sequence (time comes from events), so the caller
// rebuilds it after a restart with `replay(storedEventsInOrder)`.
import type { ZhiwangEvent, EventType } from '../../../contract/events.ts';
import { DEFAULT_CONFIG, stateHorizonSec, validateConfig, withDefaults, type EngineConfig } from './config.ts';
import { IndicatorStore } from './indicators.ts';
import { emptyNormEvent, normalizeInto } from './normalize.ts';
import type { Rule } from './rule.ts';
import {
  CHAT_APP_TYPES,
  INVEST_APP_TYPES,
  contactRules,
  isInvestLookalike,
  isRiskyChatApp,
  lowerCase,
} from './rules-contact.ts';
import { moneyRules } from './rules-money.ts';
import { levelOf, scoreHits, warningView } from './scoring.ts';
import { CONTACT_CAP, MAX_HITS, Ring, SubjectState } from './state.ts';
import { ID_KIND, SubjectLinker } from './subjects.ts';
import { buildTextAnalyzer, type TextAnalyzer } from './text.ts';
import {
  LEVEL_RANK,
  type Decision,
  type NormEvent,
  type RuleHit,
  type TypedEvent,
  type WarningAction,
} from './types.ts';

export const BUILTIN_RULES: readonly Rule[] = [...contactRules, ...moneyRules];

export interface EngineOptions {
  config?: EngineConfig;
  indicators?: IndicatorStore;
  rules?: readonly Rule[];
  text?: TextAnalyzer;
  /** Called with the id of each subject forgotten for being idle beyond every rule window (stateHorizonSec). */
  onEvict?: (subjectId: string) => void;
}

export interface Engine {
  decide(event: ZhiwangEvent | TypedEvent): Decision;
  replay(events: Iterable<ZhiwangEvent | TypedEvent>): number;
  /** Validates and switches configuration; returns field errors and keeps the old one when invalid. */
  updateConfig(cfg: EngineConfig): { ok: true } | { ok: false; errors: { path: string; message: string }[] };
  /** The warning store closed the subject's warning at `closedAt` (epoch ms): evidence up to then is spent. */
  closeWarning(subjectId: string, closedAt: number): boolean;
  /** Subject id of an identifier ('p:138…', 'i:…', 'a:…'), or null. */
  subjectOf(key: string): string | null;
  /** Event times beyond `t` (epoch ms) do not advance the engine's clock, which decides when an idle subject is
   *  forgotten: the caller's wall clock plus the accepted skew, so one event dated 2099 cannot make everyone idle. */
  limitClock(t: number): void;
  readonly indicators: IndicatorStore;
  readonly config: EngineConfig;
  stats(): { subjects: number; identifiers: number; events: number };
}

const PAYEE_CAP = 256;

export function createEngine(opts: EngineOptions = {}): Engine {
  const errs = validateConfig(opts.config ?? DEFAULT_CONFIG);
  if (errs.length) throw new Error(`invalid engine config: ${errs.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  let cfg = withDefaults(opts.config ?? DEFAULT_CONFIG);
  const ind = opts.indicators ?? new IndicatorStore();
  const text = opts.text ?? buildTextAnalyzer();
  const linker = new SubjectLinker(cfg.maxKeysPerSubject);
  const states: (SubjectState | undefined)[] = [];
  const byType = new Map<EventType, Rule[]>();
  for (const r of opts.rules ?? BUILTIN_RULES)
    for (const t of r.on) (byType.get(t) ?? byType.set(t, []).get(t)!).push(r);
  let events = 0;
  const scratch = emptyNormEvent(); // the event being decided: rules read it, nothing keeps it

  // Forgetting idle subjects, so memory follows the people active within the longest rule window, not everyone
  // ever seen. A subject is queued (root node, time) when touched, at most once per quarter horizon; a few queue
  // heads are examined per event, in time order: amortised O(1), no scan. The clock is the newest event time.
  let horizonMs = stateHorizonSec(cfg) * 1000,
    requeueMs = horizonMs / 4;
  // The clock and its limit live in a Float64Array: a closure variable holding an epoch-ms double is a boxed
  // number, so every tick of the clock would allocate one. The queue is a ring of typed arrays (node, time),
  // doubled when full: no boxed times, no array growth or slicing per event.
  const clk = new Float64Array([-Infinity, Infinity]); // [clock, clockLimit]
  let qNode = new Int32Array(1024),
    qT = new Float64Array(1024),
    qHead = 0,
    qLen = 0;
  const onEvict = opts.onEvict;
  function enqueue(n: number, st: SubjectState, t: number): void {
    if (qLen === qNode.length) {
      const nn = new Int32Array(qLen * 2),
        nt = new Float64Array(qLen * 2);
      for (let i = 0; i < qLen; i++) {
        const j = (qHead + i) & (qLen - 1);
        nn[i] = qNode[j]!;
        nt[i] = qT[j]!;
      }
      qNode = nn;
      qT = nt;
      qHead = 0;
    }
    const j = (qHead + qLen++) & (qNode.length - 1);
    qNode[j] = n;
    qT[j] = t;
    st.queuedT = t;
  }
  function evictIdle(): void {
    const idleBefore = clk[0]! - horizonMs;
    for (let k = 0; k < 4 && qLen > 0; k++) {
      const t = qT[qHead]!;
      if (t >= idleBefore) break;
      const n = qNode[qHead]!;
      qHead = (qHead + 1) & (qNode.length - 1);
      qLen--;
      const st = states[n];
      if (!st || st.queuedT !== t) continue; // merged away, forgotten, or queued again later
      if (st.lastT >= idleBefore) {
        enqueue(n, st, st.lastT);
        continue;
      }
      const sid = st.sid;
      states[n] = undefined;
      linker.release(n);
      if (sid && onEvict) onEvict(sid);
    }
  }

  /** The identifiers that may link: allow-listed ones (a bank's service number, a shared company account) never do.
   *  The event's own arrays when nothing is allow-listed (most events: no allocation), else filtered copies. */
  let linkKinds: number[] = NO_IDS as unknown as number[],
    linkKeys: string[] = NO_IDS;
  function linkableIds(ev: NormEvent): void {
    linkKinds = ev.subjectKinds;
    linkKeys = ev.subjectKeys;
    const pAllowed = ev.subjectPhone !== null && ind.allowed('phone', ev.subjectPhone);
    const aAllowed = ev.subjectAccount !== null && ind.allowed('account', ev.subjectAccount);
    if (!pAllowed && !aAllowed) return;
    const kinds: number[] = [],
      keys: string[] = [];
    ev.subjectKinds.forEach((k, i) => {
      if (!((pAllowed && k === 0) || (aAllowed && k === 2))) {
        kinds.push(k);
        keys.push(ev.subjectKeys[i]!);
      }
    });
    if (kinds.length) {
      linkKinds = kinds;
      linkKeys = keys;
    } else {
      linkKinds = ev.subjectKinds.slice(0, 1);
      linkKeys = ev.subjectKeys.slice(0, 1);
    }
  }

  /** A contact event for the sequence rule: its strength is the total of its own rule scores (a listed number, a
   *  spoofed call, a script SMS, a risky app or link, a parcel flyer), or a risky chat/dating app install. */
  function noteContact(ev: NormEvent, st: SubjectState, hits: RuleHit[] | null): void {
    const c = cfg.sequence;
    let score = 0,
      best: RuleHit | null = null;
    if (hits)
      for (const h of hits) {
        score += h.score;
        if (h.fraudTypes.length && (!best || h.score > best.score)) best = h;
      }
    let what = best ? best.reason : (hits?.[0]?.reason ?? '');
    let types = best ? best.fraudTypes : NO_IDS; // shared empty array: most events return below without a contact
    const r = ev.raw;
    if (r.type === 'app_install' && score < c.chatAppScore) {
      const apps = cfg.foreignCall.datingApps;
      const dating = (r.package !== undefined && apps.includes(lowerCase(r.package))) || apps.includes(r.appName);
      if (dating || isRiskyChatApp(cfg, r.appName, r.package)) {
        score = c.chatAppScore;
        what = `安装${dating ? '交友' : '境外/加密聊天'}软件“${r.appName}”`;
        types = dating ? ['online_romance', 'fake_investment'] : CHAT_APP_TYPES;
      }
    }
    if (score <= 0 || c.fullContactScore === 0) return;
    st.addSeq({ t: ev.t, s: Math.min(1, score / c.fullContactScore), id: ev.id, types, what });
  }

  function update(ev: NormEvent, st: SubjectState, hits: RuleHit[] | null): void {
    if (ev.t > st.lastT) st.lastT = ev.t; // a late-delivered old event does not make the subject look idle
    const r = ev.raw;
    if (
      ev.peer !== null &&
      (r.type === 'sms' || r.type === 'call') &&
      (r.direction === 'out' || r.type === 'sms' || r.result === 'answered')
    ) {
      st.addContact(ev.peer, ev.t, r.direction === 'out', CONTACT_CAP);
    }
    if (r.type !== 'transaction' && r.type !== 'report' && r.type !== 'alert') noteContact(ev, st, hits);
    if (r.type === 'sms' && r.direction === 'in' && hits) {
      const s = hits.find(
        (h) => h.ruleId === 'script_text' || h.ruleId === 'impersonation_claim' || h.ruleId === 'listed_contact',
      );
      if (s) {
        st.noteScript(ev.t, ev.id, s.fraudTypes.length ? s.fraudTypes : null);
      }
    }
    if (r.type === 'call' && r.result === 'answered' && r.durationSec >= cfg.callThenTransfer.minCallSec) {
      st.callT = ev.t + r.durationSec * 1000; // occurredAt is the call start; windows run from its end
      st.callSec = r.durationSec;
      st.callId = ev.id;
      // a virtual-operator caller is evidence, not enough to make the call itself suspicious (honest people have them)
      const flagged = hits?.find(
        (h) => (h.ruleId === 'foreign_call' && (ev.peerIntl || ev.peerSpoofed)) || h.ruleId === 'listed_contact',
      );
      st.callTypes = flagged ? (flagged.fraudTypes.length ? flagged.fraudTypes : ['impersonate_authority']) : null;
      if (flagged) st.noteSuspicious(st.callT, ev.id, st.callTypes!);
    } else if (r.type === 'app_install') {
      const apps = cfg.foreignCall.datingApps;
      if ((r.package && apps.includes(lowerCase(r.package))) || apps.includes(r.appName)) st.datingT = ev.t;
      const chat = isRiskyChatApp(cfg, r.appName, r.package);
      if (chat) st.chatT = ev.t;
      if (chat || isInvestLookalike(cfg, r.appName, r.package, ind)) {
        st.noteApp(ev.t, ev.id, r.appName, chat ? CHAT_APP_TYPES : INVEST_APP_TYPES);
      }
    } else if (r.type === 'transaction') {
      if (r.kind === 'loan' && r.direction === 'in') (st.loans ??= new Ring()).push(ev.t, r.amount, ev.id);
      else if (r.kind === 'withdrawal') (st.withdrawals ??= new Ring()).push(ev.t, r.amount, ev.id);
      if (r.direction === 'out' && ev.peerAccount) {
        if (r.kind === 'transfer' && !st.knowsPayee(ev.peerAccount))
          (st.newPayeeTransfers ??= new Ring()).push(ev.t, r.amount, ev.id);
        st.addPayee(ev.peerAccount, PAYEE_CAP);
      }
    }
  }

  function decide(event: ZhiwangEvent | TypedEvent): Decision {
    const ev = normalizeInto(scratch, event);
    events++;
    // before linking: the subject of this event, if idle, is forgotten and starts afresh
    if (qLen > 0 && qT[qHead]! < clk[0]! - horizonMs) evictIdle();
    linkableIds(ev);
    const subject = linker.linkRoot(linkKinds, linkKeys);
    let st = states[subject];
    if (!st) st = states[subject] = new SubjectState();
    let mergedIds: string[] = NO_IDS;
    for (let i = 0; i < linker.mergedCount; i++) {
      const m = linker.merged[i]!;
      const o = states[m];
      // identifiers first seen in this event are not subjects yet: only report real merges (no array otherwise)
      if (o) {
        st.absorb(o);
        states[m] = undefined;
        if (mergedIds === NO_IDS) mergedIds = [];
        mergedIds.push(o.sid ?? linker.sid(m));
      }
    }
    const found = ev.text ? text.analyze(ev.text) : null;
    let hits: RuleHit[] | null = null;
    const rules = byType.get(ev.type);
    if (rules)
      for (const rule of rules) {
        const h = rule.fn(ev, st, ind, cfg, found, hits);
        if (h) (hits ??= []).push(h);
      }
    update(ev, st, hits);
    if (ev.t - st.queuedT > requeueMs) enqueue(subject, st, ev.t);
    if (ev.t > clk[0]! && ev.t <= clk[1]!) clk[0] = ev.t;
    const subjectId = (st.sid ??= linker.sid(subject)); // kept on the state: no second array to miss in cache
    if (!hits)
      return {
        eventId: ev.id,
        subjectId,
        mergedSubjectIds: mergedIds,
        action: 'none',
        hits: NO_HITS,
        warning: null,
        configVersion: cfg.version,
      };

    const horizon = ev.t - cfg.evidenceWindowSec * 1000;
    let all = st.hits.filter((h) => h.t >= horizon || st!.warning !== null);
    all.push(...hits);
    if (all.length > MAX_HITS) all = all.slice(-MAX_HITS);
    st.hits = all;
    const level = levelOf(scoreHits(all), cfg);
    let action: WarningAction = 'none';
    if (st.warning) {
      action = level && LEVEL_RANK[level] > LEVEL_RANK[st.warning.level] ? 'raise' : 'update';
      if (action === 'raise') st.warning.level = level!;
    } else if (level) {
      st.warning = { level, openedAt: ev.t };
      action = 'open';
    }
    return {
      eventId: ev.id,
      subjectId,
      mergedSubjectIds: mergedIds,
      action,
      hits,
      warning: st.warning ? warningView(all, st.warning.level, st.warning.openedAt) : null,
      configVersion: cfg.version,
    };
  }

  return {
    decide,
    replay(evs) {
      let n = 0;
      for (const e of evs) {
        decide(e);
        n++;
      }
      return n;
    },
    updateConfig(next) {
      const errors = validateConfig(next);
      if (errors.length) return { ok: false, errors };
      cfg = withDefaults(next);
      linker.maxKeysPerSubject = next.maxKeysPerSubject;
      horizonMs = stateHorizonSec(next) * 1000;
      requeueMs = horizonMs / 4;
      return { ok: true };
    },
    closeWarning(subjectId, closedAt) {
      const n = linker.nodeOfSid(subjectId);
      const st = n >= 0 ? states[linker.find(n)] : undefined;
      if (!st) return false;
      const was = st.warning !== null;
      st.warning = null;
      st.hits = st.hits.filter((h) => h.t > closedAt);
      return was;
    },
    subjectOf(key) {
      const kind = ID_KIND[key[0] as keyof typeof ID_KIND];
      const r = kind === undefined || key[1] !== ':' ? -1 : linker.lookup(kind, key.slice(2));
      return r < 0 ? null : (states[r]?.sid ?? linker.sid(r));
    },
    limitClock(t) {
      clk[1] = t;
    },
    get indicators() {
      return ind;
    },
    get config() {
      return cfg;
    },
    stats() {
      return { subjects: states.reduce((a, s) => a + (s ? 1 : 0), 0), identifiers: linker.live, events };
    },
  };
}

const NO_IDS: string[] = [];
const NO_HITS: RuleHit[] = [];
