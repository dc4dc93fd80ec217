import type { FollowupConfig } from './followup.ts';
import type { SlaConfig } from './sla.ts';

/** The centre's configuration in force: time limits per level and follow-up days. */
export interface DissuasionConfig {
  sla: SlaConfig;
  followup: FollowupConfig;
}

/** A stored configuration row with its versions (the row's sequence number names both). */
export function storedConfig(row: { seq: number; sla: unknown; followup: unknown }): DissuasionConfig {
  return {
    sla: { ...(row.sla as Omit<SlaConfig, 'version'>), version: `sla-${row.seq}` },
    followup: { ...(row.followup as Omit<FollowupConfig, 'version'>), version: `followup-${row.seq}` },
  };
}
