// Event payloads → observations (pure). Every link the graph shows comes from one of these rows: which value,
// seen where (record + role), when.
import { canonicalKey, derivedObservations, ENTITY_KINDS, type EntityKind, type Observation } from './entities.ts';
import type { CaseRecordedPayload, WarningOpenedPayload } from './events.ts';

const KIND_ALIASES: Record<string, EntityKind> = {
  phone: 'phone',
  mobile: 'phone',
  account: 'account',
  bank_account: 'account',
  card: 'account',
  url: 'url',
  domain: 'domain',
  app: 'app',
  app_package: 'app',
  wechat: 'wechat',
  qq: 'qq',
  alipay: 'alipay',
  imei: 'imei',
  device: 'imei',
  wallet: 'wallet',
  crypto_wallet: 'wallet',
  id_number: 'id_number',
  resident_id: 'id_number',
  ip: 'ip',
};
export function entityKindOf(kind: string): EntityKind {
  return KIND_ALIASES[kind] ?? ((ENTITY_KINDS as readonly string[]).includes(kind) ? (kind as EntityKind) : 'other');
}

function push(out: Observation[], o: Omit<Observation, 'key'> & { key?: string | null }): void {
  const key = o.key ?? canonicalKey(o.kind, o.value);
  if (!key) return;
  const obs: Observation = { ...o, key };
  out.push(obs, ...derivedObservations(obs));
}

export function caseObservations(p: CaseRecordedPayload): Observation[] {
  const at = Date.parse(p.reportedAt);
  const base = { recordKind: 'case' as const, recordId: p.caseId, at };
  const out: Observation[] = [];
  if (p.victim.phone || p.victim.phoneKey)
    push(out, {
      ...base,
      kind: 'phone',
      value: p.victim.phone ?? p.victim.phoneKey!,
      key: p.victim.phoneKey ?? null,
      seenAs: 'victim_phone',
    });
  if (p.victim.idNumberKey)
    push(out, {
      ...base,
      kind: 'id_number',
      value: p.victim.idNumberKey,
      key: p.victim.idNumberKey,
      seenAs: 'victim_id',
    });
  for (const i of p.identifiers) {
    const kind = entityKindOf(i.kind);
    push(out, {
      ...base,
      kind,
      value: i.value,
      key: i.key ? (canonicalKey(kind, i.key) ?? i.key) : null,
      seenAs: `suspect_${kind}`,
    });
  }
  for (const pay of p.payments) {
    const t = Date.parse(pay.paidAt);
    push(out, {
      ...base,
      at: Number.isNaN(t) ? at : t,
      kind: 'account',
      value: pay.toAccount,
      seenAs: 'paid_to_account',
    });
    if (pay.fromAccount)
      push(out, {
        ...base,
        at: Number.isNaN(t) ? at : t,
        kind: 'account',
        value: pay.fromAccount,
        seenAs: 'victim_account',
      });
  }
  return out;
}

/** subjectKey: 'p:<phone key>' | 'i:<18 chars>' | 'a:<digits>' (detection's subject keys; long forms accepted too). */
export function warningObservations(p: WarningOpenedPayload): Observation[] {
  const i = p.subjectKey.indexOf(':');
  const prefix = p.subjectKey.slice(0, i),
    key = p.subjectKey.slice(i + 1);
  const kind: EntityKind | null =
    prefix === 'p' || prefix === 'phone'
      ? 'phone'
      : prefix === 'i' || prefix === 'id'
        ? 'id_number'
        : prefix === 'a' || prefix === 'account'
          ? 'account'
          : null;
  const at = Date.parse(p.openedAt);
  const out: Observation[] = [];
  if (kind && key)
    out.push({ recordKind: 'warning', recordId: p.warningId, kind, key, value: key, seenAs: 'warned_subject', at });
  const phone = p.phone ? canonicalKey('phone', p.phone) : null;
  if (phone && !(kind === 'phone' && key === phone))
    out.push({
      recordKind: 'warning',
      recordId: p.warningId,
      kind: 'phone',
      key: phone,
      value: p.phone!,
      seenAs: 'warned_phone',
      at,
    });
  return out;
}
