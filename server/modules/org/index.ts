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
