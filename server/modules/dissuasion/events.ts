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

declare module '../../platform/events/index.ts' {
  interface EventMap {
    'warning.closed': WarningClosed;
  }
}
