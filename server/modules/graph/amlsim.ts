// AMLSim file pair (nodes.csv: nodeid,isFraud,init_balance,fraudStep; transactions.csv:
// sourceNodeId,targetNodeId,value,time) → TxStore, and evaluation of flagged accounts against isFraud.
// Time is AMLSim's step (one step = one day in AMLSim's default configuration).
import { TxStore } from './flow.ts';
import { scoreMules, type MuleScore } from './mules.ts';

export interface AmlsimNodes {
  ids: string[];
  fraud: Set<string>;
}

function header(line: string, required: string[], file: string): Map<string, number> {
  const cols = line
    .replace(/^\uFEFF/, '')
    .trim()
    .split(',')
    .map((c) => c.trim());
  const idx = new Map(cols.map((c, i) => [c, i]));
  const missing = required.filter((c) => !idx.has(c));
  if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  return idx;
}

export function parseAmlsimNodes(text: string): AmlsimNodes {
  const lines = text.split(/\r?\n/);
  const h = header(lines[0] ?? '', ['nodeid', 'isFraud'], 'nodes.csv');
  const iId = h.get('nodeid')!,
    iF = h.get('isFraud')!;
  const ids: string[] = [];
  const fraud = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l) continue;
    const c = l.split(',');
    const id = c[iId]!.trim();
    ids.push(id);
    if (c[iF]!.trim() === '1') fraud.add(id);
  }
  return { ids, fraud };
}

export function parseAmlsimTransactions(text: string, store = new TxStore(1 << 17)): TxStore {
  const lines = text.split(/\r?\n/);
  const h = header(lines[0] ?? '', ['sourceNodeId', 'targetNodeId', 'value', 'time'], 'transactions.csv');
  const iS = h.get('sourceNodeId')!,
    iT = h.get('targetNodeId')!,
    iV = h.get('value')!,
    iTm = h.get('time')!;
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l) continue;
    const c = l.split(',');
    const v = Number(c[iV]),
      t = Number(c[iTm]);
    if (!Number.isFinite(v) || !Number.isFinite(t))
      throw new Error(`transactions.csv line ${i + 1}: bad value or time`);
    store.addIds(store.account(c[iS]!.trim()), store.account(c[iT]!.trim()), Math.round(v * 100), t);
  }
  return store.build();
}

/** AMLSim steps are days: pass-through within the same or next step, bursts within one step. */
export const AMLSIM_MULE_OPTIONS = {
  passWindow: 1,
  burstWindow: 0,
  burstMin: 2,
  manyCounterparties: 60,
  minScore: 50,
  propagate: { minNeighbours: 3, score: 30 },
} as const;

export function detectAmlsim(
  nodesText: string,
  txText: string,
  minScore: number = AMLSIM_MULE_OPTIONS.minScore,
): { flagged: MuleScore[]; nodes: AmlsimNodes; transactions: number } {
  const nodes = parseAmlsimNodes(nodesText);
  const store = parseAmlsimTransactions(txText);
  const flagged = scoreMules(store, { ...AMLSIM_MULE_OPTIONS, minScore });
  return { flagged, nodes, transactions: store.count };
}

export function precisionRecall(
  flagged: readonly { account: string }[],
  fraud: ReadonlySet<string>,
): { tp: number; fp: number; fn: number; precision: number; recall: number } {
  let tp = 0;
  for (const f of flagged) if (fraud.has(f.account)) tp++;
  const fp = flagged.length - tp;
  const fn = fraud.size - tp;
  return { tp, fp, fn, precision: flagged.length ? tp / flagged.length : 0, recall: fraud.size ? tp / fraud.size : 0 };
}
