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
export { divisionName, villagesOf } from './divisions.ts';
export type { UnitKind } from './rules.ts';
export { assertTopLevel, unitById } from './service.ts';
// the tree's rows without an actor (platform-internal readers that scope themselves)
export { findRootUnit, listUnitRows } from './service.ts';
