// The ingest module's public surface for other modules.
export { ingestEvents } from './service.ts';
export { loadEvidence } from './evidence.ts';
export { countStoredEvents, readStoredEvents, storedEventTexts } from './stored.ts';
