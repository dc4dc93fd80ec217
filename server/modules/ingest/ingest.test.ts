import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEvent, parseNdjson, partitionOf, PARTITIONS, primaryKey } from './validate.ts';
import { csvRows, parseCsv, rowToEvent } from './import.ts';
import { describeEvent, splitEngineEventId } from './evidence.ts';

const call = {
  id: 'c-1',
  source: 'telecom.cmcc',
  type: 'call',
  occurredAt: '2026-06-19T09:30:00+08:00',
  subject: { phone: '13907780001' },
  peer: '0085296110110',
  direction: 'in',
  durationSec: 1500,
  result: 'answered',
};

describe('event validation', () => {
  it('accepts every example of docs/integration.md (the partner documentation cannot drift from the contract)', () => {
    const md = fs.readFileSync(new URL('../../../docs/integration.md', import.meta.url), 'utf8');
    const examples = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!)).filter((o) => o.type);
    expect(examples.map((e) => e.type).sort()).toEqual([
      'alert',
      'app_install',
      'call',
      'parcel',
      'report',
      'sms',
      'transaction',
      'url_visit',
    ]);
    for (const e of examples) expect(checkEvent(e)).toMatchObject({ ok: true });
  });

  it('names the field and the reason of a bad event', () => {
    expect(checkEvent({ ...call, durationSec: 'long' })).toMatchObject({ ok: false, field: 'durationSec', id: 'c-1' });
    expect(checkEvent({ ...call, extra: 1 })).toMatchObject({
      ok: false,
      field: 'extra',
      reason: 'extra: unknown field',
    });
    const { peer: _p, ...noPeer } = call;
    expect(checkEvent(noPeer)).toMatchObject({ ok: false, field: 'peer' });
    expect(checkEvent({ ...call, occurredAt: '2026-13-40T99:00:00+08:00' })).toMatchObject({
      ok: false,
      field: 'occurredAt',
    });
    expect(checkEvent({ ...call, subject: { idNumber: '451202196503120028' } })).toMatchObject({
      ok: false,
      field: 'subject.idNumber',
    });
    expect(checkEvent([call])).toMatchObject({ ok: false, reason: 'an event must be a JSON object' });
  });

  it('rejects a string PostgreSQL cannot store (NUL, an unpaired surrogate), naming the field; pairs are fine', () => {
    const sms = { ...call, type: 'sms', text: 'x' } as Record<string, unknown>;
    delete sms.durationSec;
    delete sms.result;
    expect(checkEvent({ ...sms, text: '资金\u0000清查' })).toMatchObject({
      ok: false,
      field: 'text',
      id: 'c-1',
      reason: expect.stringMatching(/cannot be stored/),
    });
    expect(checkEvent({ ...sms, subject: { phone: '13907780001', name: '张\ud800' } })).toMatchObject({
      ok: false,
      field: 'subject.name',
    });
    expect(checkEvent({ ...sms, text: '\udc00安全账户' })).toMatchObject({ ok: false, field: 'text' });
    expect(checkEvent({ ...sms, id: 'c\u0000' })).toMatchObject({ ok: false, field: 'id' });
    expect(checkEvent({ ...sms, text: '转账🙂\ud83d\ude42' })).toMatchObject({ ok: true });
  });

  it('rejects an event dated in the future beyond the clock-skew tolerance (per event, configurable)', () => {
    const now = Date.parse('2026-06-19T09:30:00+08:00');
    const at = (min: number) => ({ ...call, occurredAt: new Date(now + min * 60_000).toISOString() });
    expect(checkEvent(at(4), { now })).toMatchObject({ ok: true }); // default tolerance: 5 minutes
    expect(checkEvent(at(6), { now })).toMatchObject({
      ok: false,
      field: 'occurredAt',
      reason: expect.stringMatching(/in the future.*300 s/),
    });
    expect(checkEvent({ ...call, occurredAt: '2099-01-01T00:00:00+08:00' })).toMatchObject({
      ok: false,
      field: 'occurredAt',
    });
    expect(checkEvent(at(6), { now, maxFutureSkewMs: 10 * 60_000 })).toMatchObject({ ok: true });
    expect(checkEvent(at(1), { now, maxFutureSkewMs: 0 })).toMatchObject({ ok: false, field: 'occurredAt' });
    expect(checkEvent(at(-60 * 24 * 365), { now })).toMatchObject({ ok: true }); // late delivery of old events is fine
  });

  it('partitions by the primary identifier, the same whatever the phone spelling', () => {
    const a = checkEvent(call),
      b = checkEvent({ ...call, subject: { phone: '+86 139 0778 0001', name: '孙某' } });
    expect(a.ok && b.ok).toBe(true);
    expect(partitionOf(call as never)).toBe(partitionOf({ ...call, subject: { phone: '+86 139 0778 0001' } } as never));
    expect(primaryKey(call as never)).toBe('p:13907780001');
    const seen = new Set(
      Array.from({ length: 2000 }, (_, i) =>
        partitionOf({ ...call, subject: { phone: String(13_900_000_000 + i * 7) } } as never),
      ),
    );
    expect(seen.size).toBe(PARTITIONS); // spreads over every partition
  });

  it('NDJSON: malformed lines are errors at their index, blank lines are skipped', () => {
    const { items, lineErrors } = parseNdjson(`${JSON.stringify(call)}\n\n{oops\r\n  \n[1]\n`);
    expect(items.length).toBe(3);
    expect([...lineErrors.keys()]).toEqual([1]);
  });
});

describe('file import', () => {
  it('parses quoted CSV fields with commas, quotes and newlines', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, ""y""","multi\nline"\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'multi\nline'],
    ]);
  });
  it('builds events from flat columns or a payload column', () => {
    const rows = csvRows(
      'type,id,source,occurredAt,subject.phone,peer,direction,durationSec,result,peers\ncall,c-1,telecom.cmcc,2026-06-19T09:30:00+08:00,13907780001,0085296110110,in,1500,answered,',
    );
    const built = rowToEvent(rows[0]!.values);
    expect(rows[0]!.rowNumber).toBe(2);
    expect('event' in built && checkEvent(built.event)).toMatchObject({ ok: true });
    const withPayload = rowToEvent({
      type: 'report',
      id: 'r',
      source: 'police.96110',
      occurredAt: call.occurredAt,
      'subject.phone': '13907780001',
      payload: '{"text":"注销校园贷","peers":["+85261234567"]}',
    });
    expect('event' in withPayload && checkEvent(withPayload.event)).toMatchObject({ ok: true });
    expect(rowToEvent({ payload: '[1]' })).toEqual({ error: 'payload: must be a JSON object' });
  });
});

describe('evidence descriptions', () => {
  it("describes events in plain Chinese without the subject's own full account", () => {
    expect(describeEvent(call)).toBe('境外来电 0085296110110 通话 25 分钟');
    expect(describeEvent({ ...call, peer: '13800138000', result: 'missed' })).toBe('来电 13800138000 未接通');
    const t = describeEvent({
      type: 'transaction',
      account: '6222020200112233445',
      kind: 'withdrawal',
      channel: 'atm',
      direction: 'out',
      amount: 20000,
    });
    expect(t).toMatch(/^ATM取现 20,000 元/);
    expect(t).not.toContain('6222020200112233445');
    expect(
      describeEvent({
        type: 'alert',
        partnerKind: 'gold_shop',
        unit: '周大福',
        note: '老人购买大量金条',
        amount: 300000,
      }),
    ).toBe('金店报告（周大福）：老人购买大量金条，涉及 300,000 元');
  });
  it('engine event ids split back into source and partner id (ids may contain "/")', () => {
    expect(splitEngineEventId('bank.icbc/2026/06/19-1')).toEqual({ source: 'bank.icbc', extId: '2026/06/19-1' });
    expect(splitEngineEventId('nosource')).toBeNull();
  });
});
