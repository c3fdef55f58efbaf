// (z) Where a self-enrollment's CPU goes (issue 22): each process's CPU time per request — `flexroll serve`, FerretDB,
// the PostgreSQL backends of the run's database, and this load generator — for the API's create and for the page's
// submission, measured one kind at a time from 16 connections. Linux only (it reads /proc/<pid>/stat).
//
// The forms are opened and advanced on one serve, then submitted to a second one started with the same secret key
// (the sealed state and the CSRF cookie open on any process of a deployment), so that only the submissions are
// counted; the API's creates go to a third. Each serve gets a warm-up, 2 s of rest, then the measured requests.
//
//   node --conditions=flexroll-test bench/selfEnrollmentCpu.mjs   (after npm run build:all; BENCH_CPU_REQUESTS=400)
import { readdirSync, readFileSync } from 'node:fs';
import { isMain, runBenches } from './lib/main.mjs';
import { inLanes, json, openAndAdvance, submitForm } from './lib/pageClient.mjs';
import { printCells, printSkipped } from './lib/report.mjs';
import { startServe } from './lib/serveProcess.mjs';
import { dropDatabase, prepareMongoServe, provideServerMongo, withFreshDatabase } from './lib/serverMongo.mjs';

const TITLE = '(z) Self-enrollment: CPU per request, by process';
const CONNECTIONS = 16;
const REQUESTS = Number(process.env.BENCH_CPU_REQUESTS ?? 400);
const WARM_UP = 100;
const MIN_SUBMIT_MS = 3_000;
const TICK_MS = 10; // USER_HZ = 100 on Linux
const PAGE = {
  enabled: true, slug: 'bench-cpu', name: 'Community Powershare', accentColour: '#0b6e4f',
  fields: { phone: 'off', address: 'off', manufacturerSlugs: 'off', serialNumber: 'off' },
  terms: { version: '2025-01', text: 'You allow the programme to control your battery during programme events.' },
  locales: ['en', 'de'], defaultLocale: 'en', supportEmail: 'support@leap.example', leadCapture: false,
};
const LIMITS = { LOG_LEVEL: 'warn', FLEXROLL_ENROLL_PAGE_PER_ADDRESS_PER_MINUTE: '1000000000', FLEXROLL_ENROLL_PAGE_PER_PAGE_PER_MINUTE: '1000000000' };

export async function selfEnrollmentCpu() {
  if (process.platform !== 'linux') return printSkipped(TITLE, 'it reads /proc, which only Linux has');
  const mongo = await provideServerMongo();
  if (mongo.skipReason !== undefined) return printSkipped(TITLE, mongo.skipReason);
  const databaseUri = withFreshDatabase(mongo.uri, 'selfenrollcpu');
  try {
    const { env, secretKey, programId } = await prepareMongoServe(mongo, databaseUri);
    const auth = { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' };
    const database = mongo.postgresUrl === undefined ? undefined : new URL(mongo.postgresUrl).pathname.slice(1);
    let serial = 0;

    const opener = await startServe({ ...env, ...LIMITS });
    let instanceId;
    const forms = [];
    try {
      instanceId = (await json(await fetch(`${opener.base}/programInstances`, { method: 'POST', headers: auth, body: JSON.stringify({ programId, name: 'Bench instance' }) }), 201)).id;
      await json(await fetch(`${opener.base}/programInstances/${instanceId}/enrollment-page`, { method: 'PUT', headers: auth, body: JSON.stringify(PAGE) }), 200);
      await inLanes(WARM_UP + REQUESTS, CONNECTIONS, async () => forms.push(await openAndAdvance(opener.base, PAGE.slug, `cpu.page.${serial++}@example.nl`)));
    } finally {
      await opener.stop();
    }
    const advancedAt = Date.now();

    const api = await measured(env, database, async (base) => {
      const body = { identificationType: 'customerInfo', firstName: 'Sanne', lastName: 'de Vries', email: `cpu.api.${serial++}@example.nl` };
      await json(await fetch(`${base}/programInstances/${instanceId}/enrollments`, { method: 'POST', headers: auth, body: JSON.stringify(body) }), 201);
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, advancedAt + MIN_SUBMIT_MS + 200 - Date.now())));
    let next = 0;
    const page = await measured(env, database, (base) => submitForm(base, PAGE.slug, forms[next++]));

    const row = (label, key) => [label, api[key].toFixed(2), page[key].toFixed(2), (page[key] - api[key]).toFixed(2)];
    const total = (cpu) => Object.values(cpu).reduce((sum, value) => sum + value, 0);
    printCells(TITLE, ['process', 'API create', 'page submission', 'difference'], [
      row('flexroll serve (Node)', 'serve'),
      row('FerretDB', 'ferretdb'),
      row(`PostgreSQL (backends of ${database ?? 'no PostgreSQL database'})`, 'postgres'),
      row('this load generator', 'loadGenerator'),
      ['all', total(api).toFixed(2), total(page).toFixed(2), `ratio ${(total(api) / total(page)).toFixed(2)}`],
    ], [`CPU ms per request (utime + stime), ${REQUESTS} requests of each kind from ${CONNECTIONS} connections after ${WARM_UP} of warm-up.`]);
  } finally {
    await dropDatabase(databaseUri).catch(() => undefined);
    await mongo.stop();
  }
}

/** CPU ms per request of each process while a fresh serve answers `REQUESTS` of `work` (after a warm-up and a rest). */
async function measured(env, database, work) {
  const serve = await startServe({ ...env, ...LIMITS });
  try {
    await inLanes(WARM_UP, CONNECTIONS, () => work(serve.base));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const before = cpuTicks(database);
    await inLanes(REQUESTS, CONNECTIONS, () => work(serve.base));
    const after = cpuTicks(database);
    return Object.fromEntries(Object.keys(before).map((key) => [key, ((after[key] - before[key]) * TICK_MS) / REQUESTS]));
  } finally {
    await serve.stop();
  }
}

/** CPU ticks so far of this process, its serve and FerretDB children, and the PostgreSQL backends of `database`. */
function cpuTicks(database) {
  const ticks = { serve: 0, ferretdb: 0, postgres: 0, loadGenerator: 0 };
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let command;
    let stat;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const parent = Number(fields[1]);
    const cpu = Number(fields[11]) + Number(fields[12]);
    if (Number(pid) === process.pid) ticks.loadGenerator += cpu;
    else if (parent === process.pid && command.includes(' serve ')) ticks.serve += cpu;
    else if (command.includes('ferretdb') && (parent === process.pid || command.includes(database ?? '\0'))) ticks.ferretdb += cpu;
    else if (database !== undefined && command.startsWith('postgres:') && command.includes(` ${database} `)) ticks.postgres += cpu;
  }
  return ticks;
}

if (isMain(import.meta.url)) await runBenches([selfEnrollmentCpu], { needsMongo: false, watchdogMs: 15 * 60_000 });
