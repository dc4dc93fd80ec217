// Same-source analysis (串并案) over observations: which records (cases, warnings) share identifiers, directly or
// through one intermediate record, with the reason; which values are not followed (allow-lists, hubs) and why;
// gangs as connected components of records under those caps, communities inside big ones. Pure: no I/O.
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { UnionFind } from './csr.ts';
import { entityId, splitEntityId, type EntityKind, type Observation, type RecordKind } from './entities.ts';

export type RecordRef = string; // 'case:<id>' | 'warning:<id>'
export const recordRef = (kind: RecordKind, id: string): RecordRef => `${kind}:${id}`;
export function splitRecordRef(ref: RecordRef): { kind: RecordKind; id: string } {
  const i = ref.indexOf(':');
  return { kind: ref.slice(0, i) as RecordKind, id: ref.slice(i + 1) };
}

export interface LinkOptions {
  /** A value seen in more than this many distinct cases/warnings is a hub: shown, not followed. */
  hubCap: number;
  /** Entity ids (kind:key) on allow-lists (banks' service numbers, big platforms): shown, not followed. */
  allowList?: ReadonlySet<string>;
  /** Records a value is seen in, when this index holds only part of the graph (a neighbourhood loaded from SQL). */
  recordCount?: (entityId: string) => number | undefined;
  /** Roles that do not link records into gangs (a repeat victim's phone is the person's history, not a gang). */
  personRoles?: ReadonlySet<string>;
}

export type SuppressReason = { reason: 'allow_list' } | { reason: 'hub'; records: number; cap: number };

export interface SharedValue {
  kind: EntityKind;
  key: string;
  value: string;
  seenAs: string;
  at: number;
}
export interface RelatedItem {
  record: RecordRef;
  hops: 1 | 2;
  /** The values shared with the start (hops 1) or with the intermediate record (hops 2). */
  shared: SharedValue[];
  /** For hops 2: the intermediate record and what the start shares with it. */
  via?: { record: RecordRef; shared: SharedValue[] };
  score: number;
}
export interface SuppressedValue {
  kind: EntityKind;
  key: string;
  value: string;
  why: SuppressReason;
}

/** Incrementally maintained index of observations, record ↔ entity. */
export class EntityIndex {
  /** entity id → record → observations of it in that record. */
  readonly byEntity = new Map<string, Map<RecordRef, Observation[]>>();
  /** record → entity id → observations. */
  readonly byRecord = new Map<RecordRef, Map<string, Observation[]>>();
  /** record → time (reported / opened) for time lines. */
  readonly recordAt = new Map<RecordRef, number>();

  add(o: Observation): void {
    const e = entityId(o.kind, o.key);
    const r = recordRef(o.recordKind, o.recordId);
    let recs = this.byEntity.get(e);
    if (!recs) {
      recs = new Map();
      this.byEntity.set(e, recs);
    }
    let list = recs.get(r);
    if (!list) {
      list = [];
      recs.set(r, list);
    }
    if (!list.some((x) => x.seenAs === o.seenAs && x.value === o.value)) list.push(o);
    let ents = this.byRecord.get(r);
    if (!ents) {
      ents = new Map();
      this.byRecord.set(r, ents);
    }
    ents.set(e, list);
    const prev = this.recordAt.get(r);
    if (prev === undefined || o.at < prev) this.recordAt.set(r, o.at);
  }

  /** Replaces everything known about a record (a case edited: case.updated carries the full shape). */
  replaceRecord(kind: RecordKind, id: string, observations: Observation[]): void {
    this.removeRecord(kind, id);
    for (const o of observations) this.add(o);
  }

  removeRecord(kind: RecordKind, id: string): void {
    const r = recordRef(kind, id);
    const ents = this.byRecord.get(r);
    if (!ents) return;
    for (const e of ents.keys()) {
      const recs = this.byEntity.get(e);
      recs?.delete(r);
      if (recs && recs.size === 0) this.byEntity.delete(e);
    }
    this.byRecord.delete(r);
    this.recordAt.delete(r);
  }

  /** Why a value is not followed, or null when it is. Hub = seen in more than hubCap records. */
  suppression(e: string, opts: LinkOptions): SuppressReason | null {
    if (opts.allowList?.has(e)) return { reason: 'allow_list' };
    const n = opts.recordCount?.(e) ?? this.byEntity.get(e)?.size ?? 0;
    if (n > opts.hubCap) return { reason: 'hub', records: n, cap: opts.hubCap };
    return null;
  }

  private sharedBetween(a: RecordRef, b: RecordRef, opts: LinkOptions): SharedValue[] {
    const ea = this.byRecord.get(a);
    const eb = this.byRecord.get(b);
    if (!ea || !eb) return [];
    const out: SharedValue[] = [];
    const [small, big] = ea.size <= eb.size ? [ea, eb] : [eb, ea];
    for (const [e] of small) {
      const obsB = big === eb ? eb.get(e) : ea.get(e);
      if (!obsB || this.suppression(e, opts)) continue;
      const o = (eb.get(e) ?? obsB)[0]!; // as seen in the other record
      const { kind, key } = splitEntityId(e);
      out.push({ kind, key, value: o.value, seenAs: o.seenAs, at: o.at });
    }
    return out;
  }

  /** Records sharing a (followed) value with `start` directly (hops 1) or through one intermediate record (hops 2). */
  related(
    start: RecordRef,
    opts: LinkOptions & { limit?: number },
  ): { items: RelatedItem[]; suppressed: SuppressedValue[] } {
    const ents = this.byRecord.get(start);
    const suppressed: SuppressedValue[] = [];
    if (!ents) return { items: [], suppressed };
    const direct = new Map<RecordRef, SharedValue[]>();
    for (const [e, obs] of ents) {
      const why = this.suppression(e, opts);
      const { kind, key } = splitEntityId(e);
      if (why) {
        suppressed.push({ kind, key, value: obs[0]!.value, why });
        continue;
      }
      for (const [r, other] of this.byEntity.get(e)!) {
        if (r === start) continue;
        let list = direct.get(r);
        if (!list) {
          list = [];
          direct.set(r, list);
        }
        const o = other[0]!;
        list.push({ kind, key, value: o.value, seenAs: o.seenAs, at: o.at });
      }
    }
    const items: RelatedItem[] = [];
    for (const [r, shared] of direct) items.push({ record: r, hops: 1, shared, score: 10 * shared.length });
    const second = new Map<RecordRef, RelatedItem>();
    for (const [mid, sharedMid] of direct) {
      for (const [e] of this.byRecord.get(mid) ?? []) {
        if (ents.has(e) || this.suppression(e, opts)) continue;
        for (const [r] of this.byEntity.get(e)!) {
          if (r === start || direct.has(r)) continue;
          const shared = this.sharedBetween(mid, r, opts).filter((s) => !ents.has(entityId(s.kind, s.key)));
          const score = 2 * shared.length + sharedMid.length;
          const prev = second.get(r);
          if (!prev || prev.score < score)
            second.set(r, { record: r, hops: 2, shared, via: { record: mid, shared: sharedMid }, score });
        }
      }
    }
    items.push(...second.values());
    items.sort(
      (a, b) =>
        a.hops - b.hops || b.score - a.score || (this.recordAt.get(b.record) ?? 0) - (this.recordAt.get(a.record) ?? 0),
    );
    return { items: items.slice(0, opts.limit ?? 200), suppressed };
  }

  /** Records linked by followed values: weighted record–record edges (weight = number of shared values). */
  recordLinks(opts: LinkOptions): Map<RecordRef, Map<RecordRef, number>> {
    const links = new Map<RecordRef, Map<RecordRef, number>>();
    for (const [e, recs] of this.byEntity) {
      if (recs.size < 2 || this.suppression(e, opts)) continue;
      const roles = opts.personRoles;
      const rs = roles
        ? [...recs].filter(([, obs]) => obs.some((o) => !roles.has(o.seenAs))).map(([r]) => r)
        : [...recs.keys()];
      if (rs.length < 2) continue;
      for (let i = 0; i < rs.length; i++) {
        for (let j = i + 1; j < rs.length; j++) {
          const [a, b] = rs[i]! < rs[j]! ? [rs[i]!, rs[j]!] : [rs[j]!, rs[i]!];
          let m = links.get(a);
          if (!m) {
            m = new Map();
            links.set(a, m);
          }
          m.set(b, (m.get(b) ?? 0) + 1);
        }
      }
    }
    return links;
  }
}

export interface Gang {
  id: string;
  records: RecordRef[];
  /** Followed values seen in ≥ 2 of its records. */
  shared: { kind: EntityKind; key: string; value: string; records: number }[];
  firstAt: number;
  lastAt: number;
  /** Communities inside a big group (Louvain); absent when the group is small. */
  communities?: RecordRef[][];
}

/**
 * Gangs: connected components of records linked through followed values (size ≥ minSize), then Louvain
 * communities inside components larger than communityFrom records.
 */
export function discoverGangs(
  index: EntityIndex,
  opts: LinkOptions & { minSize?: number; communityFrom?: number; rng?: () => number },
): Gang[] {
  const minSize = opts.minSize ?? 2;
  const communityFrom = opts.communityFrom ?? 12;
  const refs = [...index.byRecord.keys()];
  const idOf = new Map(refs.map((r, i) => [r, i]));
  const uf = new UnionFind(refs.length);
  const links = index.recordLinks(opts);
  for (const [a, m] of links) for (const b of m.keys()) uf.union(idOf.get(a)!, idOf.get(b)!);
  const groups = new Map<number, RecordRef[]>();
  refs.forEach((r, i) => {
    const root = uf.find(i);
    let g = groups.get(root);
    if (!g) {
      g = [];
      groups.set(root, g);
    }
    g.push(r);
  });
  const gangs: Gang[] = [];
  for (const records of groups.values()) {
    if (records.length < minSize) continue;
    records.sort();
    const inGroup = new Set(records);
    const counts = new Map<string, { value: string; n: number }>();
    for (const r of records) {
      for (const [e, obs] of index.byRecord.get(r)!) {
        if (index.suppression(e, opts) || (opts.personRoles && obs.every((o) => opts.personRoles!.has(o.seenAs))))
          continue;
        const c = counts.get(e);
        if (c) c.n++;
        else counts.set(e, { value: obs[0]!.value, n: 1 });
      }
    }
    const shared = [...counts]
      .filter(([, c]) => c.n >= 2)
      .map(([e, c]) => ({ ...splitEntityId(e), value: c.value, records: c.n }))
      .sort((a, b) => b.records - a.records);
    const times = records.map((r) => index.recordAt.get(r) ?? 0);
    const gang: Gang = { id: records[0]!, records, shared, firstAt: Math.min(...times), lastAt: Math.max(...times) };
    if (records.length >= communityFrom) {
      const g = new Graph({ type: 'undirected' });
      for (const r of records) g.addNode(r);
      for (const r of records) {
        for (const [b, w] of links.get(r) ?? []) if (inGroup.has(b)) g.addEdge(r, b, { weight: w });
      }
      const comm = louvain(g, { getEdgeWeight: 'weight', rng: opts.rng });
      const byC = new Map<number, RecordRef[]>();
      for (const [r, c] of Object.entries(comm)) {
        let l = byC.get(c);
        if (!l) {
          l = [];
          byC.set(c, l);
        }
        l.push(r);
      }
      gang.communities = [...byC.values()].sort((a, b) => b.length - a.length);
    }
    gangs.push(gang);
  }
  return gangs.sort((a, b) => b.records.length - a.records.length);
}
