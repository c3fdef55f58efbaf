import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countEvents } from './support/countEvents.js';
import { COMMUNITY_POWERSHARE } from './support/fixtures.js';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { STORES } from './support/stores.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/cli/dist/main.js');
const ROWS = 2_000;

/** Runs the real `flexroll` command against the server; resolves with its exit code and output, or sends SIGINT once `interruptWhen` matches. */
function flexroll(args: string[], env: NodeJS.ProcessEnv, interruptWhen?: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let interrupted = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (interruptWhen !== undefined && !interrupted && interruptWhen.test(output)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/**
 * The CLI is a client of the API, so one store is enough here (the embedded one; the jobs' behaviour on each store
 * is covered by the screening and restart specs): Ctrl-C while the job runs, then the same command again.
 */
describe('`flexroll import` and `flexroll bulk` against a server', function () {
  this.timeout(120_000);
  let server: TestServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let instanceId: string;

  before(async () => {
    // Slow chunks (a short pause per chunk) so that Ctrl-C lands while the job is still running.
    server = await TestServer.start(STORES[0]!, { jobs: true, rateLimitPerMinute: 100_000 });
    const { key } = await server.workspace('Leap Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025', eligibilityRules: { serviceTerritory: { postalCodePrefixes: ['100'] } } } });
    instanceId = instance.body.id;
    dir = mkdtempSync(path.join(os.tmpdir(), 'flexroll-cli-import-'));
    const lines = ['referenceId,identificationType,firstName,lastName,email,streetOne,city,state,postalCode,country'];
    for (let n = 1; n <= ROWS; n++) lines.push(`CLI-${n},customerInfo,Cand,No ${n},${n === 7 ? 'not-an-email' : `c${n}@example.com`},1 Main St,New York,NY,${n % 2 ? '10001' : '94105'},USA`);
    writeFileSync(path.join(dir, 'candidates.csv'), `${lines.join('\n')}\n`);
    const { FLEXROLL_URL: _u, FLEXROLL_API_KEY: _k, ...rest } = process.env;
    env = { ...rest, FLEXROLL_URL: server.base, FLEXROLL_API_KEY: key };
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  });

  it('Ctrl-C, then the same command: the same job, followed to the end, every row once, and an error file', async () => {
    const file = path.join(dir, 'candidates.csv');
    const first = await flexroll(['import', file, '--instance', instanceId], env, /Uploading/);
    expect(first.code, first.output).to.be.oneOf([130, null]);
    const again = await flexroll(['import', file, '--instance', instanceId], env);
    expect(again.code, again.output).to.equal(3);
    expect(again.output).to.match(/completed/).and.match(new RegExp(`created ${ROWS - 1}, updated 0, unchanged 0; eligible ${ROWS / 2 - 1}, ineligible ${ROWS / 2}; failed 1`));
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).to.equal('row,line,field,message,referenceId,enrollmentId\n7,8,/email,"must match format ""email""",CLI-7,\n');
    const jobs = await server.get(`/programInstances/${instanceId}/jobs`, { key: env.FLEXROLL_API_KEY! });
    expect(jobs.body.data.filter((job: any) => job.type === 'import'), 'one job for the file').to.have.length(1);
    expect(await countEvents((eventsPath) => server.get(eventsPath, { key: env.FLEXROLL_API_KEY! }), 'enrollment.created'), 'no row twice').to.equal(ROWS - 1);
  });

  it('runs a bulk action with a reason and says what it did', async () => {
    const run = await flexroll(['bulk', 'evaluate', '--instance', instanceId, '--where', 'status=ineligible'], env);
    expect(run.code, run.output).to.equal(0);
    expect(run.output).to.match(/moved 0, skipped 1000, failed 0/);
    const refused = await flexroll(['bulk', 'approve', '--instance', instanceId], env);
    expect(refused.code).to.equal(1);
    expect(refused.output).to.match(/400 validation_failed[\s\S]*\/reason is required/);
  });

  it('says at once why a large file without a referenceId column is refused, rather than that the server is unreachable', async () => {
    const file = path.join(dir, 'keyless.csv');
    const lines = ['identificationType,firstName,lastName,email'];
    for (let n = 1; n <= 20_000; n++) lines.push(`customerInfo,Cand,No ${n},c${n}@example.com`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = await flexroll(['import', file, '--instance', instanceId], env);
    expect(run.code, run.output).to.equal(1);
    expect(run.output).to.match(/400 validation_failed: The CSV header lacks a column every row requires[\s\S]*\/columns\/referenceId is missing/);
  });
});
