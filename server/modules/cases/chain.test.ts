import { describe, expect, it } from 'vitest';
import { CASE_STAGES, type CaseStage } from '../../../contract/cases.ts';
import { checkTransition, countdown, DEFAULT_CHAIN_CONFIG, MAIN_LINE, reachable, TRANSITIONS } from './chain.ts';

const cfg = DEFAULT_CHAIN_CONFIG;
const T0 = Date.parse('2026-12-02T00:00:00Z');

describe('case chain state machine', () => {
  it('every (from, to) pair: allowed exactly when the table says so (exhaustive)', () => {
    const allowed: [CaseStage, CaseStage][] = [
      ['reported', 'accepted'],
      ['accepted', 'filed'],
      ['accepted', 'not_filed'],
      ['filed', 'investigating'],
      ['investigating', 'solved'],
      ['solved', 'prosecuted'],
      ['prosecuted', 'closed'],
      ['not_filed', 'closed'],
    ];
    for (const from of CASE_STAGES) {
      for (const to of CASE_STAGES) {
        const r = checkTransition({ stage: from, stageAt: T0, loss: 1e6 }, to, { at: T0 + 1000, reason: 'r' }, cfg);
        const expected = allowed.some(([a, b]) => a === from && b === to);
        expect(r.ok, `${from} → ${to}`).toBe(expected);
        if (!expected && !r.ok) expect(r.code).toBe('invalid_transition');
      }
    }
  });

  it('the main line runs from 接警 to 结案 and every stage can still reach 结案 (no dead ends)', () => {
    for (let i = 0; i + 1 < MAIN_LINE.length; i++) expect(TRANSITIONS[MAIN_LINE[i]!]).toContain(MAIN_LINE[i + 1]);
    for (const s of CASE_STAGES) expect(reachable(s).has('closed'), s).toBe(true);
    expect(TRANSITIONS.closed).toEqual([]);
    expect(reachable('reported')).toEqual(new Set(CASE_STAGES));
  });

  it('立案 needs the loss to reach the threshold (configurable); exactly the threshold is enough', () => {
    const at = { at: T0 };
    expect(checkTransition({ stage: 'accepted', stageAt: T0, loss: 2999.99 }, 'filed', at, cfg)).toMatchObject({
      ok: false,
      code: 'below_threshold',
      field: 'to',
    });
    expect(checkTransition({ stage: 'accepted', stageAt: T0, loss: 3000 }, 'filed', at, cfg)).toEqual({ ok: true });
    expect(
      checkTransition({ stage: 'accepted', stageAt: T0, loss: 4000 }, 'filed', at, { ...cfg, filingThreshold: 5000 })
        .ok,
    ).toBe(false);
    expect(
      checkTransition({ stage: 'accepted', stageAt: T0, loss: 0 }, 'not_filed', { at: T0, reason: '未达标准' }, cfg).ok,
    ).toBe(true);
  });

  it('不予立案 needs a reason (blank is none); a step cannot be dated before the previous one', () => {
    for (const reason of [undefined, null, '', '   ']) {
      expect(
        checkTransition({ stage: 'accepted', stageAt: T0, loss: 0 }, 'not_filed', { at: T0, reason }, cfg),
      ).toMatchObject({ ok: false, code: 'reason_required', field: 'reason' });
    }
    expect(checkTransition({ stage: 'reported', stageAt: T0, loss: 0 }, 'accepted', { at: T0 - 1 }, cfg)).toMatchObject(
      { ok: false, code: 'before_previous_step', field: 'at' },
    );
  });

  it('countdowns: due at stage time + the stage limit, overdue after; none at the end or without a limit', () => {
    const c = countdown({ stage: 'reported', stageAt: T0 }, T0 + 3_600_000, cfg)!;
    expect(c).toEqual({
      stage: 'reported',
      next: ['accepted'],
      dueAt: T0 + 24 * 3_600_000,
      remainingMs: 23 * 3_600_000,
      overdue: false,
    });
    expect(countdown({ stage: 'accepted', stageAt: T0 }, T0 + 4 * 86_400_000, cfg)).toMatchObject({
      overdue: true,
      next: ['filed', 'not_filed'],
    });
    expect(countdown({ stage: 'closed', stageAt: T0 }, T0, cfg)).toBeNull();
    expect(countdown({ stage: 'not_filed', stageAt: T0 }, T0, cfg)).toBeNull();
    expect(
      countdown({ stage: 'reported', stageAt: T0 }, T0, { ...cfg, limitsMs: { reported: 30 * 60_000 } })!.dueAt,
    ).toBe(T0 + 30 * 60_000);
    for (const s of CASE_STAGES) {
      const cd = countdown({ stage: s, stageAt: T0 }, T0, cfg);
      if (TRANSITIONS[s].length && cfg.limitsMs[s] !== undefined) expect(cd?.remainingMs, s).toBe(cfg.limitsMs[s]);
    }
  });
});
