// The residents module's public surface for other modules.
export { getResident, locateResident, locateResidents, relativesOf, residentIdOf, type Resident } from './service.ts';
