// org's public surface: the jurisdiction tree (units) that every scoped query joins, and its use cases.
export { units } from './schema.ts';
export {
  ensureRoot,
  listUnits,
  getUnit,
  visibleUnit,
  createUnit,
  renameUnit,
  type Unit,
  type NewUnit,
} from './service.ts';
export { divisionName } from './divisions.ts';
export { assertTopLevel } from './service.ts';
// the tree's rows without an actor (platform-internal readers that scope themselves)
export { findRoot as findRootUnit, listUnits as listUnitRows } from './repository.ts';
