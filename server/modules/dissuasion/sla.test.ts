import { describe, expect, it } from 'vitest';
import { countdown, DEFAULT_SLA, isExpired, parseSlaConfig, timerDueAt, type SlaConfig } from './sla.ts';

const T0 = Date.UTC(2026, 0, 1, 8, 0, 0);
const clone = (): SlaConfig => structuredClone(DEFAULT_SLA);

describe('sla config', () => {
  it('accepts the defaults', () => {
    expect(parseSlaConfig(clone()).ok).toBe(true);
  });
  it('rejects a missing level, unknown keys and sub-second limits', () => {
    const a = clone() as unknown as { levels: Record<string, unknown> };
    delete a.levels.low;
    expect(parseSlaConfig(a).ok).toBe(false);
    expect(parseSlaConfig({ ...clone(), extra: 1 }).ok).toBe(false);
    const c = clone();
    c.levels.high.signMs = 10;
    const r = parseSlaConfig(c);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.join()).toContain('signMs');
  });
  it('rejects sign-for longer than the visit window', () => {
    const c = clone();
    c.levels.low.signMs = c.levels.low.visitMs + 1;
    expect(parseSlaConfig(c)).toMatchObject({ ok: false, errors: ['/levels/low signMs must not exceed visitMs'] });
  });
  it('rejects a lower level with a tighter limit than a higher level', () => {
    const c = clone();
    c.levels.medium.visitMs = c.levels.high.visitMs - 60_000;
    c.levels.medium.signMs = 60_000;
    const r = parseSlaConfig(c);
    expect(!r.ok && r.errors).toContain('/levels visitMs must not decrease from high to low');
  });
  it('rejects an unknown auto-contact action', () => {
    const c = clone() as unknown as { levels: { high: { onAutoContact: Record<string, string> } } };
    c.levels.high.onAutoContact.busy = 'ignore';
    expect(parseSlaConfig(c).ok).toBe(false);
  });
});

describe('deadlines', () => {
  it('high: contact 1 min, sign 5 min, visit 30 min', () => {
    expect(timerDueAt(DEFAULT_SLA, 'high', 'auto_contact', T0) - T0).toBe(60_000);
    expect(timerDueAt(DEFAULT_SLA, 'high', 'sign', T0) - T0).toBe(300_000);
    expect(timerDueAt(DEFAULT_SLA, 'high', 'visit', T0) - T0).toBe(1_800_000);
  });
  it('lower levels are looser', () => {
    for (const t of ['auto_contact', 'sign', 'visit'] as const) {
      expect(timerDueAt(DEFAULT_SLA, 'medium', t, T0)).toBeGreaterThan(timerDueAt(DEFAULT_SLA, 'high', t, T0));
      expect(timerDueAt(DEFAULT_SLA, 'low', t, T0)).toBeGreaterThan(timerDueAt(DEFAULT_SLA, 'medium', t, T0));
    }
    expect(timerDueAt(DEFAULT_SLA, 'low', 'sign', T0) - T0).toBe(86_400_000);
  });
  it('expires exactly at the deadline, not a millisecond before', () => {
    const dueAt = timerDueAt(DEFAULT_SLA, 'high', 'sign', T0);
    expect(isExpired({ dueAt }, dueAt - 1)).toBe(false);
    expect(isExpired({ dueAt }, dueAt)).toBe(true);
    expect(isExpired({ dueAt }, dueAt + 1)).toBe(true);
  });
  it('countdown sorts soonest first and marks overdue', () => {
    const now = T0 + 400_000;
    const c = countdown(
      [
        { timer: 'visit', dueAt: T0 + 1_800_000 },
        { timer: 'sign', dueAt: T0 + 300_000 },
      ],
      now,
    );
    expect(c).toEqual([
      { timer: 'sign', dueAt: T0 + 300_000, remainingMs: -100_000, overdue: true },
      { timer: 'visit', dueAt: T0 + 1_800_000, remainingMs: 1_400_000, overdue: false },
    ]);
  });
});
