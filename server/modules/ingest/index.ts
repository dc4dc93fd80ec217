// The ingest module's public surface for other modules.
export { ingestEvents, maxFutureSkew, onEventsStored, announceEventsStored, countEvents } from './service.ts';
export { loadEvidence, engineEventId } from './evidence.ts';
export { countStoredEvents, readStoredEvents, storedEventTexts } from './stored.ts';
export { PARTITIONS, partitionOf } from './validate.ts';
// subject identity across identifiers (which events are one person's), for detection
export { eventKeys, groupBatch, maxMergeId, mergesAfter, decidedOfSubjects, type MergeRow } from './identity.ts';
// the event log as detection claims, decides and replays it
export * as eventLog from './event-log.ts';
export { startNatsIngest, type NatsIngest, type NatsIngestOptions } from './nats.ts';
