import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startFailure } from './platform/config.ts';
import { processLog } from './platform/logger.ts';
import { openDatabase } from './platform/db/index.ts';
import { createApp } from './app.ts';
import { bootstrapAdmin } from './modules/users/bootstrap.ts';
import { demoGridCodes, loadDemoOrganisation } from './demo-organisation.ts';
import { registerDemoResidents } from './modules/residents/demo.ts';
import { generatePassword } from './platform/auth/secrets.ts';
import { createThreadedDetection } from './modules/detection/thread.ts';
import { createDetectionRuntime, EMBEDDED_BATCHES, type DetectionRuntime } from './modules/detection/runtime.ts';
import { loadPublishedModel } from './modules/fraud-types/index.ts';
import { startNatsIngest, type NatsIngest } from './modules/ingest/nats.ts';
import { demoChannels, loadDemoDissuasion } from './modules/dissuasion/demo.ts';
import { wireDetection } from './modules/dissuasion/runtime.ts';
import { configureIngest, ingestEvents } from './modules/ingest/service.ts';
import { SYSTEM_ACTOR } from './platform/auth/actor.ts';
import { liveOptionsFromArgv, startLiveDemo } from './modules/simulation/live.ts';
import { demoClockRoutes } from './modules/simulation/live-routes.ts';
import { startDemoBanks } from './modules/orders/index.ts';
import { casesOptionsFromEnv, recordDemoCase } from './modules/cases/index.ts';
import { loadDemoReviews } from './modules/reviews/demo.ts';
import { loadBinTable, setDefaultBinTable } from './modules/identifiers/index.ts';
import { loadDemoCards, sweepExpired } from './modules/cards/index.ts';
import { loadDemoReturns } from './modules/returns/index.ts';
import { loadDemoCampaign } from './modules/prevention/index.ts';
import { backfillDemoHistory, shanghaiDay, startStatsRefresher } from './modules/stats/index.ts';

// Composition root: configuration → database (migrated) → first-start accounts → HTTP server → shutdown.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function main(argv = process.argv.slice(2)) {
  const config = loadConfig(); // a ConfigError reaches the caller: scripts/start.ts prints it on one line, exit 2
  configureIngest({ maxFutureSkewSec: config.eventClockSkewSec, sourceClaims: config.eventSourceClaims });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();

  const admin = await bootstrapAdmin(database.db, config.adminPassword);
  if (admin.created && admin.generated) announceAdminPassword(config.dataDir, admin.password!);
  if (argv.includes('--demo')) {
    const password = config.demoPassword ?? config.adminPassword ?? generatePassword();
    const demo = await loadDemoOrganisation(database.db, password);
    if (demo.created) {
      console.log(`  演示数据 Demo organisation loaded: 河池市, ${Object.keys(demo.units).length} units, users:`);
      for (const u of demo.users) console.log(`    ${u.username.padEnd(18)} ${u.role.padEnd(16)} ${u.displayName}`);
      console.log(
        `  Demo users' password: ${(config.demoPassword ?? config.adminPassword) ? '(ZHIWANG_DEMO_PASSWORD / ZHIWANG_ADMIN_PASSWORD)' : password}\n`,
      );
    }
  }

  // Dissuasion channels: configured ones, or on --demo the in-process voice/SMPP simulators (dissuasion/demo.ts)
  const sims = argv.includes('--demo') ? await demoChannels(config) : null;
  if (sims) {
    await loadDemoDissuasion(database.db);
    console.log(`  劝阻通道 Dissuasion channels: ${sims.note}`);
  }
  if (argv.includes('--demo')) await loadDemoCards(database.db);
  if (argv.includes('--demo'))
    await loadDemoReviews(database.db, {
      gridCode: (await demoGridCodes(database.db))[0],
      register: (p) => registerDemoResidents(database.db, [p]),
      recordCase: (r) => recordDemoCase(database.db, r),
    }).catch((err: unknown) => processLog.error({ err }, 'demo review not loaded'));
  if (argv.includes('--demo')) await loadDemoReturns(database.db);
  // --demo: a prevention campaign launched three weeks ago, its coverage and its effect against the holdout
  if (argv.includes('--demo')) {
    const lo = liveOptionsFromArgv(argv);
    const c = await loadDemoCampaign(database.db, {
      ...(lo.seed !== undefined ? { seed: lo.seed } : {}),
      ...(lo.people !== undefined ? { people: lo.people } : {}),
      grids: await demoGridCodes(database.db),
      register: (people) => registerDemoResidents(database.db, people),
      reportCase: (r) => recordDemoCase(database.db, r),
    });
    if (c) console.log(`  精准宣防 Demo campaign launched 21 days ago: ${c.cases} cases reported since`);
  }
  // --demo: a small simulated city streams in through the ingest service from now on, sped up (simulation/live.ts;
  // --no-simulate turns it off, --speed/--people/--seed tune it); its state is GET /api/v1/demo/clock
  const live =
    argv.includes('--demo') && !argv.includes('--no-simulate')
      ? startLiveDemo({
          ...liveOptionsFromArgv(argv),
          // one clock: the city runs --speed times faster but stamps its events in real time, so ingest's usual
          // future-skew check holds for them like for any partner
          ingest: (events) => ingestEvents(database.db, SYSTEM_ACTOR, events, undefined, 'api'),
          grids: await demoGridCodes(database.db),
          register: (people) => registerDemoResidents(database.db, people), // so warnings route to the grid's station
          reportCase: (r) => recordDemoCase(database.db, r), // victims who report become cases (cases/demo.ts)
          historyDays: 21, // and the last three weeks' victims, on the first tick: the gangs page opens on the city's gangs
          log: (m, x) => console.log(`  ${m}`, JSON.stringify(x ?? {})),
        })
      : null;
  // Card BINs → bank (intake form, stop-payment orders): the third-party table when present (never committed)
  const refDir = process.env.ZHIWANG_REFERENCE_DIR ?? path.join(root, '../shared/data/reference');
  const bins = await loadBinTable(path.join(refDir, 'bcbc_bin.csv'), path.join(refDir, 'bcbc_name.csv'));
  if (bins) setDefaultBinTable(bins);
  // Cases: evidence storage (ZHIWANG_DATA_DIR/evidence, or S3-compatible), filing threshold and chain limits
  const cases = casesOptionsFromEnv(process.env, config.dataDir);
  const app = await createApp(
    {
      db: database.db,
      listen: database.listen,
      config,
      webDir: path.join(root, 'web/dist'),
      dissuasion: { channels: sims?.channels ?? config },
      cases,
    },
    live ? [demoClockRoutes(live)] : [],
  );
  // Detection: one worker owning every partition by default; on PostgreSQL, ZHIWANG_ENGINE_WORKERS=W with
  // ZHIWANG_ENGINE_WORKER=k (0…W-1) per process, or ZHIWANG_ENGINE=off on API-only nodes (docs/operations.md;
  // checked in config.ts).
  // On PostgreSQL the engine decides in a worker thread with its own pool (detection/thread.ts), off the thread
  // that acknowledges partners (ZHIWANG_ENGINE_THREAD=off keeps it in process); PGlite lives in this thread.
  let detection: Omit<DetectionRuntime, 'inBatch'> | null = null;
  // the script model a person published last (officers' labels), before the engine reads its first text (the
  // detection thread loads it too: detection/thread-entry.ts)
  const scriptModel = await loadPublishedModel(database.db);
  if (scriptModel) app.log.info({ scriptModel }, 'script model loaded');
  if (config.engine) {
    const worker = { index: config.engineWorker, count: config.engineWorkers };
    detection =
      config.databaseUrl && config.engineThread
        ? createThreadedDetection({ databaseUrl: config.databaseUrl, worker, log: app.log })
        : // PGlite: bounded decision batches, so an acknowledgement waits for one at most (issue 10, burst)
          createDetectionRuntime({
            db: database.db,
            worker,
            log: app.log,
            ...(database.kind === 'pglite' ? EMBEDDED_BATCHES : {}),
          });
    wireDetection(app.dissuasion, detection); // engine warnings start auto-contact; closures reach the engine
    await detection.start();
  }
  // Figures: the roll-ups of yesterday and today are rebuilt every minute from the modules' records (the demo city
  // stamps its events in real time: one clock); --demo backfills a year of history once so 同比 has something to
  // compare with.
  const statsClock = () => Date.now();
  if (argv.includes('--demo')) {
    const n = await backfillDemoHistory(database.db, shanghaiDay(statsClock()));
    if (n) console.log(`  统计 Stats: a year of demo history backfilled (${n} roll-up rows)`);
  }
  const statsRefresher = startStatsRefresher(database.db, { clock: statsClock, log: app.log });
  const nats: NatsIngest | null = config.natsUrl
    ? await startNatsIngest({ url: config.natsUrl, db: database.db, log: app.log })
    : null;
  // --demo: the city's two banks answer the orders sent to them after realistic delays (orders/demo.ts)
  const demoBanks = argv.includes('--demo')
    ? startDemoBanks(database.db, 3_000, (m, x) => app.log.info({ x }, m))
    : null;
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `  织网 Zhiwang is running: http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/  (database: ${database.kind} ${database.location})`,
  );

  let stopping = false;
  // the embedded database has no autovacuum: reclaim the queue's dead rows and refresh statistics now and then
  const housekeeping = setInterval(() => {
    database.maintain().catch((err) => app.log.warn({ err }, 'database housekeeping failed'));
  }, 10 * 60_000);
  housekeeping.unref();
  // Art. 31 measures whose term is over are released, with a notice to the bank or telecom
  const cardSweep = setInterval(() => {
    sweepExpired(database.db, SYSTEM_ACTOR, () => new Date()).catch((err) =>
      app.log.warn({ err }, 'card measure expiry sweep failed'),
    );
  }, 60 * 60_000);
  cardSweep.unref();
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await live?.stop();
    demoBanks?.stop();
    await app.close(); // stops accepting, lets in-flight requests finish
    await nats?.stop();
    await detection?.stop();
    await statsRefresher.stop();
    await sims?.stop();
    clearInterval(housekeeping);
    clearInterval(cardSweep);
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    const { message, code } = startFailure(err);
    console.error(message);
    process.exit(code);
  });
}

/**
 * The generated first-start password goes to a file only the server's user can read, and to the terminal when
 * there is one (stderr, never stdout where the JSON logs go); it must be changed at the first login.
 */
function announceAdminPassword(dataDir: string, password: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'initial-admin-password.txt');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  const shown = process.stderr.isTTY ? `password: ${password}` : `password in ${file} (readable by this user only)`;
  process.stderr.write(
    `\n  首次启动 First start: user "admin", ${shown}\n  (change it at the first login; set ZHIWANG_ADMIN_PASSWORD to choose it)\n\n`,
  );
}
