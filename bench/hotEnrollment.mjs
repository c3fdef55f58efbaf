// (k) A hot enrollment over HTTP: 50 clients PATCH the same enrollment at once, against the baseline of the same 50
// clients each PATCHing an enrollment of its own (uncontended). Meanwhile 4 other clients read other enrollments.
// The question is the one issue 9 asked: do a hot enrollment's writers degrade gracefully (queue, or 409
// enrollment_contended with Retry-After within the 2 s contention budget), and are everyone else's requests left
// alone? Reported as p99 latency of the writers and of the other clients, each as a ratio of the uncontended run.
//
// The server is a real `flexroll serve` process (the product build, packages/cli/dist), on the embedded store and on
// MongoDB (FerretDB when no MONGODB_URI is set), driven by node's fetch from this process over loopback. The
// contended and uncontended runs alternate, twice each, after a warm-up.
//
//   node --conditions=flexroll-test bench/hotEnrollment.mjs        (after npm run build:all)
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isMain, runBenches } from './lib/main.mjs';
import { printSkipped } from './lib/report.mjs';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/cli/dist/main.js');
const WRITERS = 50;
const READERS = 4;
const WRITES_EACH = { embedded: 8, mongodb: 2 };
const ROUNDS = 2;
const SUZIE = {
  identificationType: 'customerInfo', firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com',
  address: { streetOne: '123 Main St', city: 'New York', state: 'NY', postalCode: '10001', country: 'USA' },
};

export async function hotEnrollment({ mongo }) {
  await onServer('embedded store', {}, async (client) => report('embedded store', await measure(client, WRITES_EACH.embedded)));
  if (mongo?.uri === undefined) return printSkipped('(k) A hot enrollment over HTTP on MongoDB', mongo?.skipReason ?? 'no MongoDB');
  const url = new URL(mongo.uri);
  url.pathname = `/flexroll_bench_hot_${randomBytes(4).toString('hex')}`;
  await onServer('MongoDB', { MONGODB_URI: url.toString() }, async (client) => report('store-mongo (FerretDB)', await measure(client, WRITES_EACH.mongodb)));
}

/** Starts `flexroll serve` (with a workspace, key and program on MongoDB), runs `work` with a client of it, stops it. */
async function onServer(label, extraEnv, work) {
  const admin = `fr_admin_${randomBytes(12).toString('hex')}`;
  const env = { ...process.env, NODE_OPTIONS: '', ...extraEnv, FLEXROLL_ADMIN_TOKEN: admin, FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'), FLEXROLL_RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn' };
  let key;
  if (extraEnv.MONGODB_URI !== undefined) {
    const run = async (...args) => JSON.parse((await promisify(execFile)(process.execPath, [MAIN, ...args], { env })).stdout);
    key = (await run('key', 'create', (await run('workspace', 'create', 'Bench')).id, '--name', 'bench')).secret;
  }
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--sweep-seconds', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const banner = await new Promise((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (/Flexroll API on \S+/.test(output) && (key !== undefined || /secret key\s+fr_\S+/.test(output))) resolve(output);
      });
      child.once('exit', (code) => reject(new Error(`flexroll serve (${label}) exited with ${code}: ${output}`)));
    });
    child.stdout.resume();
    child.stderr.resume();
    const base = /Flexroll API on (http:\/\/[^\s,]+)/.exec(banner)[1];
    key ??= /secret key\s+(fr_\S+)/.exec(banner)[1];
    const call = async (method, route, body, token = key) => {
      const response = await fetch(`${base}${route}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, body: await response.json().catch(() => undefined) };
    };
    const program = await call('POST', '/programs', { name: 'Hot Powershare', provider: { providerDisplayName: 'Leap' } }, admin);
    const instance = await call('POST', '/programInstances', { programId: program.body.id, name: 'Hot 2025' });
    await work({ call, instanceId: instance.body.id });
  } finally {
    child.kill('SIGKILL');
  }
}

/** Alternating uncontended and contended runs; latencies of writers and of the other clients, and the writers' answers. */
async function measure({ call, instanceId }, writesEach) {
  const enroll = async (serial) => (await call('POST', `/programInstances/${instanceId}/enrollments`, { ...SUZIE, serialNumber: serial })).body.id;
  const own = [];
  for (let n = 0; n < WRITERS; n++) own.push(await enroll(`SN-own-${n}`));
  const readTargets = [];
  for (let n = 0; n < READERS; n++) readTargets.push(await enroll(`SN-reader-${n}`));
  const hot = await enroll('SN-hot');
  const results = { uncontended: emptyResult(), contended: emptyResult() };
  await run(call, own, readTargets, 2, emptyResult());
  for (let round = 0; round < ROUNDS; round++) {
    await run(call, own, readTargets, writesEach, results.uncontended);
    await run(call, own.map(() => hot), readTargets, writesEach, results.contended);
  }
  return results;
}

function emptyResult() {
  return { writes: [], reads: [], statuses: {} };
}

/** Each writer makes `writesEach` PATCHes of its target, one after another; the readers read until they are done. */
async function run(call, targets, readTargets, writesEach, into) {
  let writing = true;
  const timed = async (request) => {
    const began = process.hrtime.bigint();
    const answer = await request();
    return { answer, ms: Number(process.hrtime.bigint() - began) / 1e6 };
  };
  const writers = targets.map(async (target, n) => {
    for (let w = 0; w < writesEach; w++) {
      const { answer, ms } = await timed(() => call('PATCH', `/enrollments/${target}`, { tags: [`w${n}-${w}-${Math.random()}`] }));
      into.writes.push(ms);
      const code = answer.status === 200 ? '200' : `${answer.status} ${answer.body?.error?.code ?? ''}`;
      into.statuses[code] = (into.statuses[code] ?? 0) + 1;
    }
  });
  const readers = readTargets.map(async (target) => {
    while (writing) {
      const { answer, ms } = await timed(() => call('GET', `/enrollments/${target}`));
      if (answer.status !== 200) throw new Error(`a reader got ${answer.status}`);
      into.reads.push(ms);
    }
  });
  await Promise.all(writers);
  writing = false;
  await Promise.all(readers);
}

function percentile(values, q) {
  const sorted = Float64Array.from(values).sort();
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function report(label, { uncontended, contended }) {
  const row = (name, result, base) => {
    const w99 = percentile(result.writes, 0.99);
    const r99 = percentile(result.reads, 0.99);
    return [
      name, String(result.writes.length), percentile(result.writes, 0.5).toFixed(1), w99.toFixed(1), Math.max(...result.writes).toFixed(1),
      base === undefined ? 'baseline' : `${(w99 / percentile(base.writes, 0.99)).toFixed(2)}×`,
      String(result.reads.length), r99.toFixed(1), base === undefined ? 'baseline' : `${(r99 / percentile(base.reads, 0.99)).toFixed(2)}×`,
      Object.entries(result.statuses).map(([code, n]) => `${n}× ${code}`).join(', '),
    ];
  };
  const header = ['case', 'writes', 'write p50 ms', 'write p99 ms', 'write max ms', 'write p99 vs baseline', 'other reads', 'other p99 ms', 'other p99 vs baseline', 'writers got'];
  const rows = [row(`${WRITERS} writers, one enrollment each (uncontended)`, uncontended), row(`${WRITERS} writers, ONE enrollment`, contended, uncontended)];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((line) => line[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => (column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  process.stdout.write([
    '', `### (k) A hot enrollment over HTTP on the ${label}`, '', line(header),
    `|${widths.map((width, column) => (column === 0 || column === widths.length - 1 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...rows.map(line), '',
    `A real flexroll serve process, ${READERS} other clients reading other enrollments throughout; ${ROUNDS} alternating rounds after a warm-up.`,
    'A contended writer waits its turn in the process, or answers 409 enrollment_contended (Retry-After: 1) after the 2 s budget.', '',
  ].join('\n') + '\n');
}

if (isMain(import.meta.url)) await runBenches([hotEnrollment], { needsMongo: true });
