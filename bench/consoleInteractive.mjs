// (y) Issue 21: "the console's list view is interactive under 1 s after navigation, as the browser measures it". A real
// `flexroll serve` on MongoDB (FerretDB on PostgreSQL when started here) holds one instance with 1,000 and then
// 100,000 enrollments, seeded as bench/consoleLists.mjs (u) seeds them (saveMany in chunks of 500, straight into the
// store's database, then VACUUM ANALYZE), and a second instance with none. A member signs in (POST /sessions, the
// cookie the console uses) and Debian's chromium, driven by playwright-core, loads /console/enrollments?instance=…
// afresh BENCH_INTERACTIVE_RUNS times (default 15, after 2 warm-ups) per case. The time measured is the browser's own:
// the `console:list-ready` mark the Enrollments screen sets once a page of rows is in the DOM, read against the
// navigation's start (performance.timeOrigin), with the first row's link then focused to show it can be acted on.
// Beside it, the list request's own duration (Resource Timing) splits the server from the page. Baseline: the same
// screen on the empty instance, in the same run and server. Ratios: the case over the baseline, and 100,000 over 1,000.
//
//   node --conditions=flexroll-test bench/consoleInteractive.mjs           (after npm run build)
//   BENCH_INTERACTIVE_SIZES=1000 BENCH_INTERACTIVE_RUNS=5 node --conditions=flexroll-test bench/consoleInteractive.mjs
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { mongoStoreModule, openMongoStore } from '@flexroll/store-mongo';
import { portsOf, seed } from './consoleLists.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { printCells } from './lib/report.mjs';
import { cleanEnvironment, flexrollAdmin, startServe } from './lib/serveProcess.mjs';
import { vacuumAnalyze } from './lib/vacuumAnalyze.mjs';

const SIZES = (process.env.BENCH_INTERACTIVE_SIZES ?? '1000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_INTERACTIVE_RUNS ?? 15);
const WARM_UPS = 2;
const CHROMIUM_PATH = process.env.FLEXROLL_CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'correct horse battery staple';

/** `empty` cases open the instance without enrollments; the others the seeded one. Surnames as (u) makes them. */
const CASES = [
  { name: 'baseline: list of the empty instance', empty: true, query: {} },
  { name: 'plain list (page 1)', query: {} },
  { name: 'status=approved (1%)', query: { status: 'approved' } },
  { name: 'status=candidate (60%)', query: { status: 'candidate' } },
  { name: 'q=ramilo (0.1%, a surname)', query: { q: 'ramilo' } },
];

export async function consoleInteractive({ mongo }) {
  if (mongo?.uri === undefined) {
    process.stdout.write(`\n(y) SKIPPED: ${mongo?.skipReason ?? 'no MongoDB was provided'}\n`);
    return;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const rows = CASES.map((item) => ({ ...item, times: [], listMs: [], shown: 0, focusable: true }));
  try {
    for (const [index, size] of SIZES.entries()) await atSize(mongo, browser, size, index, rows);
  } finally {
    await browser.close();
  }
  const big = SIZES.at(-1).toLocaleString('en-US');
  const small = SIZES[0].toLocaleString('en-US');
  const baseline = rows[0];
  printCells(`(y) The console's Enrollments list, navigation → list ready, in chromium — flexroll serve on ${mongo.source}`, [
    'case', ...SIZES.flatMap((size) => [`${size.toLocaleString('en-US')} median ms`, `${size.toLocaleString('en-US')} p95 ms`, `list request p95 ms`]),
    ...(SIZES.length > 1 ? [`p95 ${big} ÷ ${small}`] : []), `p95 ÷ baseline at ${big}`, 'rows', 'first row focused',
  ], rows.map((row) => [
    row.name, ...row.times.flatMap((t, at) => [t.median.toFixed(0), t.p95.toFixed(0), row.listMs[at].p95.toFixed(0)]),
    ...(SIZES.length > 1 ? [`${(row.times.at(-1).p95 / row.times[0].p95).toFixed(2)}×`] : []),
    `${(row.times.at(-1).p95 / baseline.times.at(-1).p95).toFixed(2)}×`, String(row.shown), row.empty ? 'n/a' : row.focusable ? 'yes' : 'NO',
  ]), [`${RUNS} fresh navigations each after ${WARM_UPS} warm-ups, one tab, assets from the browser's cache after the first; target: interactive < 1,000 ms at ${big}`]);
}

async function atSize(mongo, browser, size, index, rows) {
  const dbName = `flexroll_bench_interactive_${size}_${randomBytes(4).toString('hex')}`;
  const uri = new URL(mongo.uri);
  uri.pathname = `/${dbName}`;
  const adminToken = `fr_admin_bench_${randomBytes(12).toString('hex')}`;
  const env = cleanEnvironment({
    MONGODB_URI: uri.toString(), FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'), FLEXROLL_ADMIN_TOKEN: adminToken,
    ...(mongo.postgresUrl === undefined ? {} : { FLEXROLL_FERRETDB_POSTGRES_URL: mongo.postgresUrl }),
  });
  const server = await startServe(env);
  const store = await openMongoStore(mongo.uri, { dbName, ...(mongo.postgresUrl === undefined ? {} : { ferretDbPostgresUrl: mongo.postgresUrl }) });
  const context = await browser.newContext();
  try {
    const call = async (method, path, body, bearer) => {
      const response = await fetch(server.base + path, {
        method, headers: { ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      return text === '' ? undefined : JSON.parse(text);
    };
    const workspace = await flexrollAdmin(env, 'workspace', 'create', 'Bench console');
    const key = (await flexrollAdmin(env, 'key', 'create', workspace.id, '--name', 'bench')).secret;
    const program = await call('POST', '/programs', { name: 'Console Powershare', provider: { providerDisplayName: 'Leap' } }, adminToken);
    const seeded = await call('POST', '/programInstances', { programId: program.id, name: `Seeded ${size}` }, key);
    const empty = await call('POST', '/programInstances', { programId: program.id, name: 'Empty' }, key);

    const started = Date.now();
    await seed(portsOf({ module: () => mongoStoreModule(store.connection) }), workspace.id, size, seeded.id);
    if (mongo.postgresUrl !== undefined) await vacuumAnalyze(mongo.postgresUrl);
    process.stderr.write(`(y): seeded ${size} enrollments in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    // A viewer, as an admin invites one; the browser context then holds the session cookie the sign-in sets.
    const email = `bench.viewer.${size}@example.com`;
    const invited = await call('POST', '/members', { email, role: 'viewer' }, key);
    const token = new URLSearchParams(new URL(invited.invitationUrl).hash.slice(1)).get('token');
    await call('POST', '/member-invitations/accept', { token, password: PASSWORD });
    const page = await context.newPage();
    const signedIn = await page.request.post(`${server.base}/sessions`, { data: { email, password: PASSWORD } });
    if (signedIn.status() !== 201) throw new Error(`POST /sessions answered ${signedIn.status()}: ${await signedIn.text()}`);

    for (const row of rows) {
      const query = new URLSearchParams({ instance: row.empty ? empty.id : seeded.id, ...row.query });
      const url = `${server.base}/console/enrollments?${query}`;
      const times = [];
      const listMs = [];
      for (let n = 0; n < WARM_UPS + RUNS; n++) {
        const measured = await navigateAndMeasure(page, url);
        if (n < WARM_UPS) continue;
        times.push(measured.readyMs);
        listMs.push(measured.listMs);
        row.shown = measured.rows;
        if (!row.empty && !measured.focused) row.focusable = false;
      }
      row.times[index] = percentiles(times);
      row.listMs[index] = percentiles(listMs);
      process.stderr.write(`(y) at ${size}: ${row.name} median ${row.times[index].median.toFixed(0)} p95 ${row.times[index].p95.toFixed(0)} ms (list request p95 ${row.listMs[index].p95.toFixed(0)} ms, ${row.shown} rows)\n`);
    }
  } finally {
    await context.close();
    await server.stop();
    await store.dropDatabase().catch(() => undefined);
    await store.close();
  }
}

/**
 * One fresh navigation to the list. The mark's startTime is measured from the document's time origin, the start of
 * the navigation, so the figure is the browser's and not this process's view of it.
 */
async function navigateAndMeasure(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('console:list-ready').length > 0, undefined, { timeout: 60_000, polling: 'raf' });
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('console:list-ready')[0];
    const link = document.querySelector('table.list tbody tr th a');
    link?.focus();
    const list = performance.getEntriesByType('resource').filter((entry) => /\/programInstances\/[^/]+\/enrollments\?/.test(entry.name)).at(-1);
    return { readyMs: mark.startTime, rows: mark.detail?.rows ?? 0, focused: link !== null && document.activeElement === link, listMs: list?.duration ?? Number.NaN };
  });
}

function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] };
}

if (isMain(import.meta.url)) await runBenches([consoleInteractive], { needsMongo: true, watchdogMs: 90 * 60_000 });
