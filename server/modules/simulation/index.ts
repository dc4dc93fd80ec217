// Public API of the simulated city. Pure generation + runners; no dependency on the platform layer.
export {
  createSimulation,
  generateAll,
  DEFAULT_START,
  type SimulationOptions,
  type Simulation,
  type GroundTruth,
  type DayBatch,
} from './generate.ts';
export { runSimulation, type EventSink, type RunOptions, type RunResult, type Progress } from './runner.ts';
export { httpSink, ndjsonFileSink, HttpSinkError, type HttpSinkOptions } from './sinks.ts';
export { natsSink, type NatsSinkOptions } from './nats-sink.ts';
export { connect, Session, registerResidents, gridCodes, type Connection, type ConnectOptions } from './connect.ts';
export {
  evaluate,
  evaluateAll,
  quantile,
  LIST_RULES,
  type Decider,
  type DecisionLike,
  type EvaluationReport,
  type EvaluateRun,
  type TypeRow,
} from './evaluate.ts';
export { IntelligenceLoop, type LearnedIndicator } from './intel.ts';
export { engineDecider } from './engine-decider.ts';
export { renderEvaluation } from './evaluate-report.ts';
export { FRAUD_SCRIPTS } from './fraud-types.ts';
export { HELDOUT_SCRIPTS } from './heldout-scripts.ts';
export { DEFAULT_WARMUP_DAYS } from './evaluate.ts';
export type { FraudTypeScript, Step, PeerKind, AppKind, Range } from './script-types.ts';
export type { VictimTruth, GangTruth, Loss } from './campaigns.ts';
export type { Person } from './population.ts';
export type { SimEvent } from './emit.ts';
export { Rng, hashSeed } from './prng.ts';
export { demoCaseHistory, type HistoryReport, type HistoryOptions } from './history.ts';
export { startLiveDemo, type LiveDemo, type LiveDemoOptions } from './live.ts';
