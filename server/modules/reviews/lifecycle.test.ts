import { expect, it } from 'vitest';
import { closeBlockers, isOverdue, orderTimeline, warningTrigger } from './lifecycle.ts';

it('which warnings call for a review', () => {
  expect(warningTrigger({ status: 'closed', disposition: 'defrauded', defraudedAfter: false })).toBe('defrauded');
  expect(warningTrigger({ status: 'closed', disposition: 'dissuaded', defraudedAfter: true })).toBe('after_warning');
  expect(warningTrigger({ status: 'closed', disposition: 'refused', defraudedAfter: false })).toBe('failed_dissuasion');
  expect(warningTrigger({ status: 'closed', disposition: 'dissuaded', defraudedAfter: false })).toBeNull();
  expect(warningTrigger({ status: 'dispatched', disposition: null, defraudedAfter: false })).toBeNull();
});

it('the time line in order with the gaps', () => {
  const t = orderTimeline([
    { step: 'visit', at: '2026-01-01T02:00:00Z' },
    { step: 'warning_opened', at: '2026-01-01T01:00:00Z' },
    { step: 'first_signal', at: '2026-01-01T00:59:30Z' },
  ]);
  expect(t.map((s) => [s.step, s.sincePrevMin])).toEqual([
    ['first_signal', null],
    ['warning_opened', 0.5],
    ['visit', 60],
  ]);
});

it('a review closes only with findings and every action item done; overdue by the Beijing calendar day', () => {
  expect(closeBlockers({ status: 'open', whatHappened: '' }, [])).toHaveLength(2);
  expect(closeBlockers({ status: 'open', whatHappened: 'x' }, [{ status: 'open' }])).toEqual([
    '1 action item(s) not done',
  ]);
  expect(closeBlockers({ status: 'open', whatHappened: 'x' }, [{ status: 'done' }])).toEqual([]);
  // 2026-01-01T17:00Z is already 2 January in Beijing
  expect(isOverdue({ status: 'open', dueDate: '2026-01-01' }, new Date('2026-01-01T17:00:00Z'))).toBe(true);
  expect(isOverdue({ status: 'open', dueDate: '2026-01-01' }, new Date('2026-01-01T15:00:00Z'))).toBe(false);
  expect(isOverdue({ status: 'done', dueDate: '2020-01-01' }, new Date())).toBe(false);
});
