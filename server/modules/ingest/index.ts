// The ingest module's public surface for other modules.
export { ingestEvents } from './service.ts';
export { engineEventId, loadEvidence } from './evidence.ts';
export { eventKeys, groupBatch } from './identity.ts';
export { startNatsIngest } from './nats.ts';
export type { NatsIngest } from './nats.ts';
export { insertEvents } from './repository.ts';
export { announceEventsStored, countEvents, ingestQuiet, maxFutureSkew, onEventsStored } from './service.ts';
export { PARTITIONS, partitionOf } from './validate.ts';
