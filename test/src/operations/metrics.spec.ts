import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { flexrollAdmin, ServeProcess } from '../support/ServeProcess.js';
import { freshDbName, STORES } from '../support/stores.js';

const PROMTOOL = '/usr/bin/promtool';
const ALERTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../deploy/prometheus/alerts.yml');
const mongo = STORES.find((store) => store.name === 'mongodb')!;
const ADMIN = `fr_admin_${randomBytes(12).toString('hex')}`;

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** promtool with `input` on stdin: its exit code and what it printed. */
function promtool(args: string[], input?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
    child.stdin.end(input ?? '');
  });
}

/** Metrics (issue 23, item 4): the alerting rules promtool accepts, and a real process's scrape that it accepts too. */
describe('Metrics: deploy/prometheus/alerts.yml and a real scrape, checked by promtool [mongodb store]', function () {
  this.timeout(120_000);

  it('promtool check rules accepts the alerting rules', async () => {
    const { code, output } = await promtool(['check', 'rules', ALERTS]);
    expect(code, output).to.equal(0);
    expect(output).to.match(/SUCCESS: \d+ rules found/);
  });

  if (mongo.skipReason !== undefined) {
    it.skip(`skipped: ${mongo.skipReason}`, () => {});
    return;
  }

  it('serve answers GET /metrics on FLEXROLL_METRICS_PORT with route templates, store commands and process metrics; promtool check metrics accepts it', async () => {
    const url = new URL(mongo.uri()!);
    url.pathname = `/${freshDbName('metrics')}`;
    const metricsPort = await freePort();
    const { MONGODB_URI: _uri, PORT: _port, FLEXROLL_ADMIN_TOKEN: _token, ...rest } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...rest, MONGODB_URI: url.toString(), FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'), FLEXROLL_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn',
      FLEXROLL_METRICS_PORT: String(metricsPort),
    };
    const workspace = await flexrollAdmin(env, 'workspace', 'create', 'Metrics Utility');
    const key = (await flexrollAdmin(env, 'key', 'create', workspace.id, '--name', 'metrics')).secret as string;
    const serve = await ServeProcess.start(env);
    try {
      const program = (await (await fetch(`${serve.base}/programs`, {
        method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Metrics Powershare', provider: { providerDisplayName: 'Leap' } }),
      })).json()) as { id: string };
      expect((await fetch(`${serve.base}/programs/${program.id}`, { headers: { authorization: `Bearer ${key}` } })).status).to.equal(200);
      expect((await fetch(`${serve.base}/programs/vpr_missing`, { headers: { authorization: `Bearer ${key}` } })).status).to.equal(400);

      const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scrape.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
      const text = await scrape.text();
      expect(text).to.include('flexroll_http_request_duration_seconds_count{method="GET",route="GET /programs/{programId}",status="200"} 1');
      expect(text).to.include('flexroll_http_request_duration_seconds_count{method="GET",route="GET /programs/{programId}",status="400"} 1');
      expect(text, 'an id never becomes a label').to.not.include('vpr_missing');
      expect(text).to.match(/flexroll_store_command_duration_seconds_count\{command="find",outcome="ok"\} \d+/);
      expect(text).to.include('process_cpu_seconds_total');
      expect((await fetch(`${serve.base}/metrics`)).status, 'not on the API port').to.equal(404);

      const { code, output } = await promtool(['check', 'metrics'], text);
      expect(code, output).to.equal(0);
    } finally {
      await serve.kill9();
    }
  });
});

