// The resident registry's public surface (what other modules use).
export {
  createResident,
  getResident,
  locateResident,
  locateResidents,
  relativesOf,
  residentIdOf,
  residentPopulation,
  residentProfiles,
  residentsMatching,
  residentsByIds,
  type Resident,
} from './service.ts';
export { pick, readTable } from './import.ts';
