// The resident registry's public surface (minimal: what other modules use).
export { createResident, locateResident, locateResidents, relativesOf, residentPopulation, residentProfiles, residentsMatching, type Resident } from './service.ts';
