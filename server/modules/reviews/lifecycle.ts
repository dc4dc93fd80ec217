// Pure rules of an after-action review (复盘): which closed warnings call for one, the time line in order with the
// gaps between steps, when a review may close (findings written, at least one action item, all done), overdue.
import type { TimelineStep } from './schema.ts';

export type Trigger = 'case' | 'defrauded' | 'after_warning' | 'failed_dissuasion';

/** A warning calls for a review when it ended 已被骗, was followed by 预警后被骗, or dissuasion failed. */
export function warningTrigger(w: {
  status: string;
  disposition: string | null;
  defraudedAfter: boolean;
}): Trigger | null {
  if (w.defraudedAfter) return 'after_warning';
  if (w.status !== 'closed') return null;
  if (w.disposition === 'defrauded') return 'defrauded';
  if (w.disposition === 'refused' || w.disposition === 'unreachable') return 'failed_dissuasion';
  return null;
}

/** Steps sorted by time, each with the minutes since the previous one (where it was slow). */
export function orderTimeline(steps: TimelineStep[]): (TimelineStep & { sincePrevMin: number | null })[] {
  const sorted = [...steps].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return sorted.map((s, i) => ({
    ...s,
    sincePrevMin: i === 0 ? null : Math.round((Date.parse(s.at) - Date.parse(sorted[i - 1]!.at)) / 6_000) / 10,
  }));
}

export function closeBlockers(r: { status: string; whatHappened: string }, actions: { status: string }[]): string[] {
  const out: string[] = [];
  if (r.status !== 'open') out.push('already closed');
  if (!r.whatHappened.trim()) out.push('what happened is not written');
  if (!actions.length) out.push('no action item');
  const open = actions.filter((a) => a.status !== 'done').length;
  if (open) out.push(`${open} action item(s) not done`);
  return out;
}

/** Overdue: not done and its due date (a calendar day in Asia/Shanghai) has passed. */
export function isOverdue(a: { status: string; dueDate: string }, now: Date): boolean {
  if (a.status === 'done') return false;
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return a.dueDate < today;
}
