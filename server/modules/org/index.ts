// The org module's public surface for other modules (besides the units table and path helpers every scoped query joins).
export { visibleUnit, ensureRoot } from './service.ts';
