// The org module's public surface for other modules (minimal: add what another module needs).
// The units table is the one shared table every scoped query joins (docs/ARCHITECTURE.md).
export { units } from './schema.ts';
