import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { rawSocket } from './support/rawRequest.js';
import { describeOnEachStore, freshDbName, type StoreChoice } from './support/stores.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/cli/dist/main.js');

/** The environment a fresh shell would give the command: none of the test run's store or token settings. */
function cleanEnvironment(mongodbUri?: string): NodeJS.ProcessEnv {
  const { MONGODB_URI: _uri, FLEXROLL_ADMIN_TOKEN: _token, FLEXROLL_SECRET_KEY: _secret, PORT: _port, HOST: _host, ...rest } = process.env;
  // A MongoDB store keeps adapter secrets encrypted with FLEXROLL_SECRET_KEY, so it is required there.
  return { ...rest, LOG_LEVEL: 'info', ...(mongodbUri === undefined ? {} : { MONGODB_URI: mongodbUri, FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64') }) };
}

/** MONGODB_URI with a database of its own, so the served store and the admin commands share it and nothing else. */
function ownDatabase(store: StoreChoice): string | undefined {
  const uri = store.uri();
  if (uri === undefined) return undefined;
  const url = new URL(uri);
  url.pathname = `/${freshDbName('serve')}`;
  return url.toString();
}

/** Resolves with the process's output once it matches, or rejects with all of it after a while. */
function waitForOutput(child: ChildProcess, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => finish(new Error(`no ${pattern} within ${ms} ms; output so far:\n${output}`)), ms);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(pattern);
      if (match !== null) finish(undefined, match);
    };
    const onExit = (code: number | null) => finish(new Error(`exited with ${code} before ${pattern}; output:\n${output}`));
    function finish(error?: Error, match?: RegExpMatchArray) {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
      if (error !== undefined) reject(error);
      else resolve(match!);
    }
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

function exitOf(child: ChildProcess, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    const timer = setTimeout(() => reject(new Error(`still running ${ms} ms after SIGTERM`)), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** Runs an admin command against the store and returns what it printed as JSON. */
async function admin(env: NodeJS.ProcessEnv, ...args: string[]): Promise<any> {
  const { stdout } = await promisify(execFile)(process.execPath, [MAIN, ...args], { env, timeout: 30_000 });
  return JSON.parse(stdout);
}

describeOnEachStore('`flexroll serve` as its own process', (store) => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  /** Starts `flexroll serve` on a free port; its base URL and a secret key of a workspace on its store. */
  async function startServe(settings: Record<string, string> = {}): Promise<{ base: string; key: string; mongodbUri: string | undefined; env: NodeJS.ProcessEnv; banner: string; workspaceId?: string }> {
    const mongodbUri = ownDatabase(store);
    const env = { ...cleanEnvironment(mongodbUri), ...settings };
    child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--sweep-seconds', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let base: string;
    let key: string;
    let shown: string;
    let workspaceId: string | undefined;
    if (mongodbUri === undefined) {
      const [banner] = await waitForOutput(child, /Flexroll API on (http:\/\/\S+) — EMBEDDED STORE[\s\S]*?secret key\s+(fr_\S+)[\s\S]*?API reference/, 30_000);
      shown = banner!;
      expect(banner, 'says plainly what the embedded store means').to.include('EMBEDDED STORE').and.include('lost when it stops').and.include('MONGODB_URI');
      [, base, key] = banner.match(/Flexroll API on (http:\/\/\S+) — EMBEDDED STORE[\s\S]*?secret key\s+(fr_\S+)/)! as unknown as [string, string, string];
    } else {
      const [banner, url] = await waitForOutput(child, /Flexroll API on (http:\/\/\S+) \(MongoDB\)/, 30_000);
      expect(banner).to.not.include('EMBEDDED');
      shown = banner!;
      base = url!;
      const workspace = await admin(env, 'workspace', 'create', 'Leap Energy');
      workspaceId = workspace.id;
      key = (await admin(env, 'key', 'create', workspace.id, '--name', 'serve test')).secret;
    }
    expect(base).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    return { base, key, mongodbUri, env, banner: shown, ...(workspaceId === undefined ? {} : { workspaceId }) };
  }

  it('says which store it uses, serves a call with a workspace key, and exits 0 within 10 s of SIGTERM', async function () {
    this.timeout(90_000);
    const { base, key, mongodbUri } = await startServe();
    const programs = await fetch(`${base}/programs`, { headers: { authorization: `Bearer ${key}` } });
    expect(programs.status).to.equal(200);
    const page = (await programs.json()) as { page: number; perPage: number; totalItems: number };
    expect(page).to.include({ page: 1, perPage: 20 });
    if (mongodbUri === undefined) expect(page.totalItems, 'the demo program').to.equal(1);
    expect((await fetch(`${base}/readyz`)).status).to.equal(200);

    child!.kill('SIGTERM');
    const exit = await exitOf(child!, 10_000);
    expect(exit, 'a clean exit on SIGTERM, not death by it').to.deep.equal({ code: 0, signal: null });
    await fetch(`${base}/healthz`).then(
      () => expect.fail('the port is still answering after exit'),
      (error: unknown) => expect(String((error as { cause?: unknown }).cause ?? error)).to.match(/ECONNREFUSED/),
    );
  });

  it('hands out a first admin’s one-time link (`flexroll member add`, or the embedded banner) that sets the password to sign in with', async function () {
    this.timeout(90_000);
    const { base, mongodbUri, env, banner, workspaceId } = await startServe();
    let link: string;
    let email: string;
    if (mongodbUri === undefined) {
      [, email, link] = banner.match(/member\s+(\S+) \(admin, invited\): set its password at (\S+)/)! as unknown as [string, string, string];
    } else {
      email = 'first.admin@example.com';
      const added = await admin({ ...env, FLEXROLL_PUBLIC_URL: base }, 'member', 'add', workspaceId!, email, '--role', 'admin');
      expect(added).to.deep.include({ email, role: 'admin', status: 'invited' });
      link = added.invitationUrl;
      expect((await admin(env, 'member', 'list', workspaceId!)).map((member: { email: string }) => member.email)).to.deep.equal([email]);
    }
    expect(link).to.match(new RegExp(`^${base}/console/accept-invitation#token=fri_[A-Za-z0-9_-]{43}$`));
    const json = { 'content-type': 'application/json' };
    const token = link.split('#token=')[1];
    expect((await fetch(`${base}/member-invitations/accept`, { method: 'POST', headers: json, body: JSON.stringify({ token, password: 'correct horse battery staple' }) })).status).to.equal(200);
    const signedIn = await fetch(`${base}/sessions`, { method: 'POST', headers: json, body: JSON.stringify({ email, password: 'correct horse battery staple' }) });
    expect(signedIn.status).to.equal(201);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const members = await fetch(`${base}/members`, { headers: { cookie } });
    expect([members.status, ((await members.json()) as { data: Array<{ role: string }> }).data[0]?.role]).to.deep.equal([200, 'admin']);
  });

  it('finishes a request already in flight when SIGTERM arrives, then exits 0', async function () {
    this.timeout(90_000);
    const { base, key } = await startServe();
    const request = http.request(new URL(`${base}/leads`), { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
    const answered = new Promise<string>((resolve) => {
      request.on('response', (response) => resolve(String(response.statusCode)));
      request.on('error', (error) => resolve(error.message));
    });
    request.write('{"firstName": ');
    await new Promise((resolve) => setTimeout(resolve, 200));
    child!.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    request.end('"Lena"}');
    expect(await answered, 'the request in flight is answered').to.equal('201');
    expect(await exitOf(child!, 10_000)).to.deep.equal({ code: 0, signal: null });
  });

  it('closes a connection whose headers never finish with a 408 in the API’s JSON error shape (FLEXROLL_HEADERS_TIMEOUT_MS)', async function () {
    this.timeout(90_000);
    const { base } = await startServe({ FLEXROLL_HEADERS_TIMEOUT_MS: '500', FLEXROLL_REQUEST_TIMEOUT_MS: '1000' });
    const answer = await rawSocket(base, 'GET /programs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 20_000);
    expect(answer, 'the server answered and closed the slow connection').to.match(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).error.code).to.equal('request_timeout');
  });
});
