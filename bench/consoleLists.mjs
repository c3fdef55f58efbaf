// (u) Issue 21: the console's list and home at size — one page of an instance's enrollment list with the console's
// filters (a status, a tag, a text search, a participation state, a manufacturer, a postal code prefix), at the
// repository the route calls, and the home summary (`InstanceSummaryService`, what GET …/summary answers), with 1,000
// and then 100,000 enrollments in one instance, on the embedded store and on the MongoDB store (FerretDB on
// PostgreSQL when started here). Each case runs BENCH_CONSOLE_RUNS times (default 40) after 3 warm-ups: median and
// p95. Two ratios: the case at 100,000 over the same case at 1,000, and the case over the baseline of the same run
// and size (page 1 with no filter, the list's cheapest read).
//
//   node --conditions=flexroll-test bench/consoleLists.mjs          (after npm run build:all)
//   BENCH_CONSOLE_SIZES=1000,20000 BENCH_CONSOLE_STORES=mongo node --conditions=flexroll-test bench/consoleLists.mjs
import 'reflect-metadata';
import { Container } from 'inversify';
import { InstanceSummaryService, ManualClock, STORE_TOKENS } from '@flexroll/core';
import { SUZIE_CUSTOMER_INFO } from '@flexroll/core/testing';
import { isMain, runBenches } from './lib/main.mjs';
import { describeServer, openMongoBenchStore } from './lib/mongo.mjs';
import { printCells } from './lib/report.mjs';
import { openMemoryBenchStore } from './lib/stores.mjs';
import { vacuumAnalyze } from './lib/vacuumAnalyze.mjs';

const SIZES = (process.env.BENCH_CONSOLE_SIZES ?? '1000,100000').split(',').map(Number);
const STORES = (process.env.BENCH_CONSOLE_STORES ?? 'embedded,mongo').split(',').map((name) => name.trim());
const RUNS = Number(process.env.BENCH_CONSOLE_RUNS ?? 40);
const INSTANCE = 'cllgn0u4r000008l7eazybfbo';
const PER_PAGE = 20;
const NOW = '2026-01-10T00:00:00.000Z';
const FIRST = ['Zoë', 'José', 'Anaïs', 'Liam', 'Olivia', 'Noah', 'Emma', 'Mateo', 'Ava', 'Lucas', 'Mia', 'Elias', 'Chloé', 'Hugo', 'Léa', 'Jonas', 'Sofia', 'Ines', 'Omar', 'Yara'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vu', 'sho', 'ber', 'gal', 'din'];
/** 1,000 surnames of three syllables: a surname is 0.1 % of the list. */
const LAST = Array.from({ length: 1000 }, (_, n) => {
  const word = SYLLABLES[n % 10] + SYLLABLES[Math.floor(n / 10) % 10] + SYLLABLES[Math.floor(n / 100) % 10];
  return word[0].toUpperCase() + word.slice(1);
});
const STATES = ['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'AWAITING_METER_ACCESS', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE', 'ACTIVE', 'SUSPENDED', 'UNENROLLED', 'FAILED'];

const CASES = [
  { name: 'baseline: page 1, no filter', filter: {} },
  { name: 'status=approved (1%)', filter: { statuses: ['approved'] } },
  { name: 'status=candidate (60%)', filter: { statuses: ['candidate'] } },
  { name: 'tags=vip (2%)', filter: { tags: ['vip'] } },
  { name: `q=${LAST[123].toLowerCase()} (0.1%)`, filter: { search: LAST[123].toLowerCase() } },
  { name: 'q=ref-4242 (reference prefix)', filter: { search: 'ref-4242' } },
  { name: 'participationState=ACTIVE (6%)', filter: { participationStates: ['ACTIVE'] } },
  { name: 'manufacturer=tesla (33%)', filter: { manufacturer: 'tesla' } },
  { name: 'postalCodePrefix=10042 (0.1%)', filter: { postalCodePrefix: '10042' } },
  { name: 'status=candidate & q=<surname>', filter: { statuses: ['candidate'], search: LAST[321].toLowerCase() } },
];

export async function consoleLists({ mongo }) {
  const results = [];
  if (STORES.includes('embedded')) results.push(await onStore('store-memory', () => openMemoryBenchStore(), undefined));
  if (STORES.includes('mongo')) {
    if (mongo?.uri !== undefined) {
      const probe = await openMongoBenchStore(mongo, 'probe');
      const label = `store-mongo on ${await describeServer(probe.connection)} (${mongo.source})`;
      await probe.close();
      results.push(await onStore(label, () => openMongoBenchStore(mongo, 'console'), mongo.postgresUrl));
    } else process.stdout.write(`\nstore-mongo SKIPPED: ${mongo?.skipReason ?? 'no MongoDB was provided'}\n`);
  }
  for (const { label, rows } of results) {
    const big = SIZES.at(-1).toLocaleString('en-US');
    const small = SIZES[0].toLocaleString('en-US');
    const baseline = rows[0];
    printCells(`(u) The console's list (page of ${PER_PAGE}) and home — ${label}`, [
      'case', ...SIZES.flatMap((size) => [`${size.toLocaleString('en-US')} median ms`, `${size.toLocaleString('en-US')} p95 ms`]), `p95 ${big} ÷ ${small}`, `p95 ÷ baseline at ${big}`, 'returned',
    ], rows.map((row) => [
      row.name, ...row.times.flatMap((t) => [t.median.toFixed(1), t.p95.toFixed(1)]),
      `${(row.times.at(-1).p95 / row.times[0].p95).toFixed(2)}×`, `${(row.times.at(-1).p95 / baseline.times.at(-1).p95).toFixed(2)}×`, String(row.returned),
    ]), [`${RUNS} runs each after 3 warm-ups; targets: list p95 < 300 ms, home < 500 ms at ${big}; one instance holds every enrollment of the workspace`]);
  }
}

async function onStore(label, open, postgresUrl) {
  const rows = [...CASES, { name: 'home summary (GET …/summary)', summary: true }].map((item) => ({ ...item, times: [], returned: 0 }));
  for (const [index, size] of SIZES.entries()) {
    const store = await open();
    try {
      const ws = `ws_console_${size}`;
      const seeded = Date.now();
      const ports = portsOf(store);
      await seed(ports, ws, size);
      if (postgresUrl !== undefined) await vacuumAnalyze(postgresUrl);
      process.stderr.write(`${label}: seeded ${size} enrollments (and ${Math.round(size / 20)} deadlines) in ${((Date.now() - seeded) / 1000).toFixed(1)} s\n`);
      const summaries = new InstanceSummaryService({ get: async (workspaceId, id) => ({ id, workspaceId }) }, ports.enrollments, ports.endpoints, ports.messages, new ManualClock(NOW));
      const context = { workspaceId: ws, actor: { type: 'api_key', id: 'key_bench' }, source: 'bench', liveMode: true };
      for (const row of rows) {
        const run = row.summary === true
          ? async () => (await summaries.summary(context, INSTANCE)).enrollments
          : async () => (await ports.enrollments.list(ws, { ...row.filter, programInstanceId: INSTANCE }, { page: 1, perPage: PER_PAGE })).data.length;
        for (let warm = 0; warm < 3; warm++) await run();
        const times = [];
        for (let n = 0; n < RUNS; n++) {
          const started = process.hrtime.bigint();
          row.returned = await run();
          times.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
        times.sort((a, b) => a - b);
        row.times[index] = { median: times[Math.floor(times.length / 2)], p95: times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)] };
        process.stderr.write(`${label} at ${size}: ${row.name} median ${row.times[index].median.toFixed(1)} p95 ${row.times[index].p95.toFixed(1)} ms (${row.returned})\n`);
      }
    } finally {
      await store.close();
    }
  }
  return { label, rows };
}

/**
 * `size` enrollments saved in chunks of 500, as an import saves them: 60% candidate, 25% eligible, 10% ineligible, 1%
 * approved, 4% submitted; 2% tagged vip; a third with a Tesla; 60% with a participation in one of ten states; and a
 * deadline record for one in twenty (a tenth of them missed, a tenth due soon).
 */
export async function seed(ports, workspaceId, size, instance = INSTANCE) {
  const at = Date.parse('2026-01-01T00:00:00.000Z');
  for (let start = 0; start < size; start += 500) {
    const chunk = [];
    const deadlines = [];
    for (let n = start; n < Math.min(size, start + 500); n++) {
      const roll = n % 100;
      const status = roll < 60 ? 'candidate' : roll < 85 ? 'eligible' : roll < 95 ? 'ineligible' : roll < 96 ? 'approved' : 'submitted';
      const createdAt = new Date(at + n * 1000).toISOString();
      const firstName = FIRST[n % FIRST.length];
      const lastName = LAST[Math.floor(n / 7) % LAST.length];
      const id = `enr_${workspaceId}_${n}`;
      const state = n % 10 < 6 ? STATES[Math.floor(n / 10) % STATES.length] : undefined;
      // One in twenty has a participation with an open deadline (n % 20 === 3 always has one): its queue record is
      // written as the projection writes it, and the participation keeps the deadline, as the fold does.
      const record = n % 20 === 3 ? deadline(workspaceId, id, n, instance, state) : undefined;
      chunk.push({
        ...SUZIE_CUSTOMER_INFO, id, workspaceId, programInstanceId: instance, referenceId: `REF-${n}`, firstName, lastName,
        email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}${n}@example.com`, serialNumber: `SN-${n}`,
        address: { ...SUZIE_CUSTOMER_INFO.address, postalCode: String(10000 + (n % 1000)).padStart(5, '0') },
        manufacturerSlugs: [n % 3 === 0 ? 'tesla' : n % 3 === 1 ? 'enphase' : 'solaredge'],
        tags: n % 50 === 7 ? ['tag1', 'vip'] : n % 3 === 0 ? ['tag1'] : ['tag2'], eligibility: { status }, seq: 1, createdAt, updatedAt: createdAt,
        // The list keys read only the participation's id, state and open deadline.
        ...(state === undefined ? {} : { participation: { id: `vpp_${String(n).padStart(24, '0')}`, state, suspensionReasons: [], history: [], ...(record === undefined ? {} : { deadlines: { open: openDeadlineOf(record) } }) } }),
      });
      if (record !== undefined) deadlines.push(record);
    }
    await ports.enrollments.saveMany(chunk);
    if (deadlines.length > 0) await ports.deadlines.write(deadlines);
  }
}

/** The participation's own copy of a queue record: the deadline without where it belongs. */
function openDeadlineOf({ workspaceId: _workspace, programInstanceId: _instance, enrollmentId: _enrollment, participationId: _participation, seq: _seq, updatedAt: _updated, ...open }) {
  return open;
}

function deadline(workspaceId, enrollmentId, n, instance, state) {
  const kind = Math.floor(n / 20) % 10;
  const status = kind === 0 ? 'missed' : kind === 1 ? 'due_soon' : 'pending';
  const expectedAt = status === 'missed' ? '2026-01-09T00:00:00.000Z' : status === 'due_soon' ? '2026-01-10T12:00:00.000Z' : '2026-01-20T00:00:00.000Z';
  return {
    id: `dl_${String(n).padStart(24, '0')}`, workspaceId, programInstanceId: instance, enrollmentId, participationId: `vpp_${String(n).padStart(24, '0')}`, seq: 1,
    state, enteredAt: '2026-01-01T00:00:00.000Z', expectedAt, dueSoonAt: new Date(Date.parse(expectedAt) - 86_400_000).toISOString(),
    waitingOn: n % 2 === 0 ? 'customer' : 'operator', alerts: true, status,
    announced: status === 'missed' ? { missed: expectedAt } : status === 'due_soon' ? { dueSoon: '2026-01-09T12:00:00.000Z' } : {}, updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

export function portsOf(store) {
  const container = new Container();
  container.load(store.module());
  return {
    enrollments: container.get(STORE_TOKENS.enrollments),
    deadlines: container.get(STORE_TOKENS.deadlines),
    endpoints: container.get(STORE_TOKENS.webhookEndpoints),
    messages: container.get(STORE_TOKENS.webhookMessages),
  };
}

if (isMain(import.meta.url)) await runBenches([consoleLists], { needsMongo: STORES.includes('mongo'), watchdogMs: 90 * 60_000 });
