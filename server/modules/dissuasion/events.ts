// Events the dissuasion module publishes (platform/events).
import type { Disposition } from './lifecycle.ts';

export interface WarningClosed {
  warningId: string;
  unitId: string;
  subjectKey: string;
  disposition: Disposition;
  closedAt: string;
  /** the person lost money (已被骗): the case side takes it from here */
  victimised: boolean;
  loss?: number | null;
}

/** A closed warning was reopened: what its closure set off (a 已被骗 case) is withdrawn by its owners. */
export interface WarningReopened {
  warningId: string;
  unitId: string;
  subjectKey: string;
  /** the disposition it had been closed with */
  previousDisposition: Disposition | null;
  reason: string;
  reopenedAt: string;
}

/** 预警后被骗: a person warned before (this warning, closed) was later defrauded. */
export interface WarningFlagged {
  warningId: string;
  unitId: string;
  kind: 'warned_then_defrauded';
  /** what showed the loss: a case, a 96110 report, a later warning closed 已被骗 */
  victimKind: string;
  victimId: string;
  /** when the person was defrauded */
  at: string;
  daysAfterClose: number;
}

declare module '../../platform/events/index.ts' {
  interface EventMap {
    'warning.closed': WarningClosed;
    'warning.reopened': WarningReopened;
    'warning.flagged': WarningFlagged;
  }
}
