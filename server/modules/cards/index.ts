// 两卡 governance: the public surface of the cards module.
export { cardRoutes } from './routes.ts';
export { createEntry, proposeMeasure, act as measureStep, sweepExpired, cardStats, listMeasures, type Clock } from './service.ts';
export { MEASURE_KINDS, MEASURE_STATUSES, restricts, type MeasureKind, type MeasureStatus, type EntryKind } from './lifecycle.ts';
export { loadDemoCards } from './demo.ts';
