// Offline analyses on files.
//   npm run analyze -- mules --nodes nodes.csv --transactions transactions.csv [--min-score 50]
// prints one JSON line per flagged account { "account", "score", "reasons" } and a last line with counts
// (and precision/recall when nodes.csv carries AMLSim's isFraud column).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { detectAmlsim, precisionRecall } from '../server/modules/graph/amlsim.ts';

const { values: a, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    nodes: { type: 'string' },
    transactions: { type: 'string' },
    'min-score': { type: 'string', default: '50' },
  },
});
const what = positionals[0];
if (what !== 'mules' || !a.nodes || !a.transactions) {
  process.stderr.write(
    'usage: npm run analyze -- mules --nodes nodes.csv --transactions transactions.csv [--min-score 50]\n',
  );
  process.exit(2);
}
const t0 = performance.now();
const { flagged, nodes, transactions } = detectAmlsim(
  readFileSync(a.nodes, 'utf8'),
  readFileSync(a.transactions, 'utf8'),
  Number(a['min-score']),
);
const out: string[] = flagged.map((f) => JSON.stringify({ account: f.account, score: f.score, reasons: f.reasons }));
const pr = precisionRecall(flagged, nodes.fraud);
out.push(
  JSON.stringify({
    accounts: nodes.ids.length,
    transactions,
    flagged: flagged.length,
    labelledFraud: nodes.fraud.size,
    truePositives: pr.tp,
    falsePositives: pr.fp,
    precision: Number(pr.precision.toFixed(4)),
    recall: Number(pr.recall.toFixed(4)),
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
  }),
);
process.stdout.write(out.join('\n') + '\n');
