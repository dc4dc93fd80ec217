// The org module's public surface: units (the jurisdiction tree every scoped query joins) and their look-ups.
export { units } from './schema.ts';
export { visibleUnit, getUnit, type Unit } from './service.ts';
