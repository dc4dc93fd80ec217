// Events the warnings module publishes (platform/events).
import type { WarningLevel } from '../../../contract/warnings.ts';

export interface WarningOpened {
  warningId: string;
  unitId: string;
  subjectKey: string;
  /** the subject's phone in its searchable form, when the warning has one (consumers mask when they present it) */
  phone?: string;
  level: WarningLevel;
  /** fraud-type codes, strongest first */
  fraudTypes: string[];
  source: 'engine' | 'upstream' | 'manual';
  openedAt: string;
}

declare module '../../platform/events/index.ts' {
  interface EventMap {
    'warning.opened': WarningOpened;
  }
}
