// Prevention's durable event subscribers (platform/events): a recorded or edited case becomes a risk signal
// (fraud types, the victim's grid, age and occupation — no names, no numbers). Registered when the module loads.
import { subscribe } from '../../platform/events/index.ts';
import '../cases/index.ts'; // its events.ts declares case.recorded / case.updated
import { recordCaseSignal } from './service.ts';

subscribe('prevention.case-signals', {
  'case.recorded': async (p, { db }) => recordCaseSignal(db, p),
  'case.updated': async (p, { db }) => recordCaseSignal(db, p),
});
