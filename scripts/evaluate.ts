// Detection-quality report: runs a simulated city through the risk engine and writes the report.
//   npm run evaluate                  # small city (CI): 3,000 people, 30 days, 30 targeted per 1,000 → docs/evaluation.md (~20 s)
//   npm run evaluate -- --full        # full city, by hand: 20,000 people, 30 days, 5 per 1,000
//                                     #   → docs/evaluation-full.md + docs/evaluation-full.json (~1–2 min)
//   npm run evaluate -- --without risky_app,app_then_transfer   # what do these rules add? (engine without them)
//   npm run evaluate -- --intel-delay-hours 6                    # the intelligence loop's 研判 delay (default 24)
//   npm run evaluate -- --no-intel                               # empty indicator lists only, no comparison
//   npm run evaluate -- --no-heldout                             # skip the held-out city (quicker, for experiments)
// The small-city report is deterministic (no date, no timings: those go to stdout) so that the committed
// docs/evaluation.md is exactly what this command writes; scripts/evaluate.test.ts compares them.
// A held-out city (heldout-scripts.ts: other phrasing, other orders of events, its own seed) is replayed too and
// reported beside the tuned one, with the script classifier's cross-validated and held-out figures.
// The city is replayed once through two engines: with the centre's intelligence loop (the report) and without it
// (empty lists), compared in their own section.
// The small-city report (docs/evaluation.md) carries a "Full city (run by hand)" section generated from
// docs/evaluation-full.json (--full-json), so re-running the CI city never loses the full-city numbers.
import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { BUILTIN_RULES, createEngine } from '../server/modules/engine/index.ts';
import { evaluateAll, type EvaluationReport } from '../server/modules/simulation/evaluate.ts';
import { engineDecider } from '../server/modules/simulation/engine-decider.ts';
import { renderEvaluation, type FullCityRun } from '../server/modules/simulation/evaluate-report.ts';
import { classifierSection, heldoutSection } from '../server/modules/simulation/evaluate-heldout.ts';
import { HELDOUT_SCRIPTS } from '../server/modules/simulation/heldout-scripts.ts';

const { values: a } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    people: { type: 'string' },
    days: { type: 'string', default: '30' },
    // the small CI city over-samples fraud so each type has several victims; the full city uses the default rate
    targets: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'string' },
    'full-json': { type: 'string', default: 'docs/evaluation-full.json' },
    without: { type: 'string' },
    'intel-delay-hours': { type: 'string', default: '24' },
    'no-intel': { type: 'boolean', default: false },
    'no-heldout': { type: 'boolean', default: false },
    'heldout-seed': { type: 'string', default: '7' },
  },
});
const full = a.full!;
const people = a.people ?? (full ? '20000' : '3000');
const targets = a.targets ?? (full ? '5' : '30');
const out = a.out ?? (full ? 'docs/evaluation-full.md' : 'docs/evaluation.md');
const json = a.json ?? (full && !a.out ? 'docs/evaluation-full.json' : undefined);
const without = (a.without ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = without.filter((id) => !BUILTIN_RULES.some((r) => r.id === id));
if (unknown.length) {
  console.error(`--without: unknown rule ${unknown.join(', ')}; rules: ${BUILTIN_RULES.map((r) => r.id).join(', ')}`);
  process.exit(2);
}
const intel = !a['no-intel'];
const delay = Number(a['intel-delay-hours']);
if (intel && !(Number.isFinite(delay) && delay >= 0 && delay <= 24 * 30)) {
  console.error('--intel-delay-hours must be a number of hours between 0 and 720');
  process.exit(2);
}
const options = { seed: Number(a.seed), people: Number(people), days: Number(a.days), targetsPer1000: Number(targets) };
const newEngine = () =>
  createEngine(without.length ? { rules: BUILTIN_RULES.filter((r) => !without.includes(r.id)) } : {});
const engine = newEngine();
const runs = [{ decider: engineDecider(engine), intelDelayHours: intel ? delay : null }];
if (intel) runs.push({ decider: engineDecider(newEngine()), intelDelayHours: null }); // the baseline: empty lists
const [report, baseline] = evaluateAll(options, runs) as [EvaluationReport, EvaluationReport | undefined];
const heldout = a['no-heldout']
  ? null
  : evaluateAll({ ...options, seed: Number(a['heldout-seed']), scripts: HELDOUT_SCRIPTS }, [
      { decider: engineDecider(newEngine()), intelDelayHours: intel ? delay : null },
    ])[0]!;
if (heldout) delete (heldout.options as { scripts?: unknown }).scripts; // the report names the file instead
const command = `npm run evaluate --${full ? ' --full' : ''} --seed ${options.seed} --people ${options.people} --days ${options.days} --targets ${targets}${without.length ? ` --without ${without.join(',')}` : ''}${intel ? (delay === 24 ? '' : ` --intel-delay-hours ${delay}`) : ' --no-intel'}${heldout ? ` --heldout-seed ${a['heldout-seed']}` : ' --no-heldout'}`;
const lists = intel
  ? `block lists fed by the intelligence loop: victims' 96110 reports, ${delay} h after each`
  : 'empty indicator lists';
const meta = {
  engine: `engine config ${engine.config.version} (built-in rules${without.length ? ` without ${without.join(', ')}` : ''}, ${lists})`,
  // the small-city report carries no date: it must be reproducible byte for byte
  command,
  date: full ? new Date().toISOString().slice(0, 10) : '',
};
// the small-city report links the full-city run and repeats its headline numbers
let fullRun: FullCityRun | null | undefined;
if (!full) {
  const p = a['full-json']!;
  fullRun = existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as FullCityRun) : null;
}
const md =
  renderEvaluation(
    report,
    { ...meta, title: full ? 'Detection quality — full city (generated by hand, do not edit)' : undefined },
    fullRun,
    baseline,
  ) + [...(heldout ? heldoutSection(report, heldout) : []), ...classifierSection()].join('\n');
writeFileSync(out, md);
if (json)
  writeFileSync(json, JSON.stringify({ ...meta, report, baseline: baseline ?? null } satisfies FullCityRun, null, 1));
const r: EvaluationReport = report;
const early = (x: EvaluationReport) =>
  x.byLevel.map((l) => `${l.level} ${(l.earlyRecall * 100).toFixed(0)}%`).join(' ');
console.log(
  `precision ${(r.precision * 100).toFixed(1)}% recall ${(r.recall * 100).toFixed(1)}% warnings ${r.warnings} events ${r.events} in ${r.seconds.toFixed(1)} s → ${out}${json ? ` + ${json}` : ''}`,
);
if (heldout)
  console.log(
    `held-out city: precision ${(heldout.precision * 100).toFixed(1)}% recall ${(heldout.recall * 100).toFixed(1)}% warnings ${heldout.warnings}`,
  );
if (baseline)
  console.log(
    `early recall by level: without the intelligence loop ${early(baseline)}; with it ${early(r)} (${r.intel!.reports} reports → ${r.intel!.indicators} indicators)`,
  );
