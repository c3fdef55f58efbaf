import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { countEvents } from './support/countEvents.js';
import { STORES, freshDbName } from './support/stores.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/cli/dist/main.js');
const ROWS = 1_500;
const mongo = STORES.find((store) => store.name === 'mongodb')!;

/** `ROWS` candidates in CSV, half in the territory. */
function candidates(): string {
  const lines = ['referenceId,identificationType,firstName,lastName,email,streetOne,city,state,postalCode,country,manufacturerSlugs'];
  for (let n = 1; n <= ROWS; n++) lines.push(`KILL-${n},customerInfo,Cand,No ${n},c${n}@example.com,1 Main St,New York,NY,${n % 2 === 0 ? '10001' : '94105'},USA,tesla`);
  return `${lines.join('\n')}\n`;
}

/**
 * A process killed with SIGKILL mid-job, on MongoDB (the embedded store dies with its process, so there the same
 * resumption is proven in the conformance suite: a worker failing between a chunk's rows and its result, and another
 * worker finishing the job once the lease slot passed, no row twice). Here the real processes: `flexroll serve` and
 * `flexroll worker` on one database; the worker is killed while it works, the server while it receives the upload.
 */
describe('A job survives kill -9 of the process running it [mongodb store]', function () {
  this.timeout(180_000);
  const children = new Set<ChildProcess>();
  let env: NodeJS.ProcessEnv;
  let base: string;
  let key: string;
  let instanceId: string;
  let server: ChildProcess | undefined;

  const start = (...args: string[]): ChildProcess => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  };
  const killHard = async (child: ChildProcess) => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  const serve = async (): Promise<ChildProcess> => {
    const child = (server = start('serve', '--port', '0'));
    base = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 30_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Flexroll API on (http:\/\/\S+) \(MongoDB\)/.exec(output);
        if (match !== null) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    return child;
  };
  const api = async (method: string, route: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${route}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const job = async (jobId: string) => (await api('GET', `/jobs/${jobId}`)).body;
  const waitFor = async (jobId: string, done: (found: any) => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = await job(jobId);
      if (done(found)) return found;
      if (Date.now() > deadline) throw new Error(`job ${jobId} stuck: ${JSON.stringify(found)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  /** Streams the file slowly, so that the server can be killed while it is receiving. */
  const slowUpload = (text: string, idempotencyKey: string, pauseMs: number) =>
    new Promise<number>((resolve) => {
      const request = http.request(new URL(`${base}/programInstances/${instanceId}/imports`), {
        method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv', 'idempotency-key': idempotencyKey, 'transfer-encoding': 'chunked' },
      });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('error', () => resolve(-1));
      const bytes = Buffer.from(text);
      let at = 0;
      const next = () => {
        if (at >= bytes.length) return void request.end();
        request.write(bytes.subarray(at, (at += 16 * 1024)));
        setTimeout(next, pauseMs);
      };
      next();
    });

  before(async function () {
    if (mongo.skipReason !== undefined) return this.skip();
    const url = new URL(mongo.uri()!);
    url.pathname = `/${freshDbName('restart')}`;
    const { MONGODB_URI: _u, FLEXROLL_ADMIN_TOKEN: _t, PORT: _p, HOST: _h, ...rest } = process.env;
    env = { ...rest, MONGODB_URI: url.toString(), FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' };
    const admin = async (...args: string[]) => JSON.parse((await promisify(execFile)(process.execPath, [MAIN, ...args], { env, timeout: 30_000 })).stdout);
    const workspace = await admin('workspace', 'create', 'Leap Energy');
    key = (await admin('key', 'create', workspace.id, '--name', 'restart test')).secret;
    const program = await admin('program', 'create', 'Community Powershare', '--provider', 'Leap');
    await serve();
    const rules = { serviceTerritory: { postalCodePrefixes: ['100'] } };
    instanceId = (await api('POST', '/programInstances', { programId: program.id, name: 'Community Powershare 2025', eligibilityRules: rules })).body.id;
  });
  afterEach(async () => {
    for (const child of children) if (child !== server) await killHard(child);
  });
  after(async () => {
    for (const child of children) await killHard(child);
  });

  it('kill -9 of the worker mid-job: a new worker finishes the job, no row twice', async () => {
    const text = candidates();
    const upload = await fetch(`${base}/programInstances/${instanceId}/imports`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv', 'idempotency-key': 'worker-kill' }, body: text });
    const queued = (await upload.json()) as any;
    expect([upload.status, queued.rows.total]).to.deep.equal([202, ROWS]);
    const worker = start('worker');
    const midway = await waitFor(queued.id, (found) => found.rows.processed > 0 || found.status === 'completed', 90_000);
    await killHard(worker);
    expect(midway.status, 'killed before it finished').to.equal('running');
    const stalled = await job(queued.id);
    expect(stalled.rows.processed).to.be.below(ROWS);
    start('worker');
    const done = await waitFor(queued.id, (found) => found.status === 'completed', 120_000);
    expect(done.counts).to.deep.include({ created: ROWS, failed: 0, eligible: ROWS / 2, ineligible: ROWS / 2 });
    expect(await countEvents((path) => api('GET', path), 'enrollment.created'), 'one enrollment.created per row').to.equal(ROWS);
    const listed = await api('GET', `/programInstances/${instanceId}/enrollments?perPage=1&referenceId=KILL-17`);
    expect(listed.body.totalItems).to.equal(1);
  });

  it('kill -9 of the server mid-upload: the same upload sent again to a restarted server completes the job, no row twice', async () => {
    const text = candidates().replaceAll('KILL-', 'UPLOAD-');
    const answered = slowUpload(text, 'server-kill', 150);
    const [found] = await (async () => {
      for (;;) {
        const listed = await api('GET', `/programInstances/${instanceId}/jobs?key=server-kill`);
        if (listed.body.data[0]?.rows.received > 0) return listed.body.data;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await killHard(server!);
    expect(await answered, 'the upload was cut off').to.equal(-1);
    await serve();
    const stalled = await job(found.id);
    expect([stalled.status, stalled.rows.received < ROWS]).to.deep.equal(['receiving', true]);
    const resent = await fetch(`${base}/programInstances/${instanceId}/imports`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv', 'idempotency-key': 'server-kill' }, body: text });
    const queued = (await resent.json()) as any;
    expect([resent.status, queued.id, queued.rows.total]).to.deep.equal([202, found.id, ROWS]);
    start('worker');
    const done = await waitFor(queued.id, (current) => current.status === 'completed', 120_000);
    expect(done.counts).to.deep.include({ created: ROWS, failed: 0 });
    const all = await api('GET', `/programInstances/${instanceId}/enrollments?perPage=1`);
    expect(all.body.totalItems, 'both tests’ rows, each once').to.equal(2 * ROWS);
  });
});
