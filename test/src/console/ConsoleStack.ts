import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { COMMUNITY_POWERSHARE } from '../support/fixtures.js';
import { FLEXROLL_MAIN, ServeProcess, flexrollAdmin } from '../support/ServeProcess.js';
import { freshDbName, type StoreChoice } from '../support/stores.js';

/** The platform administrator's token the console tests' `flexroll serve` runs with (for POST /programs). */
export const CONSOLE_ADMIN_TOKEN = `fr_admin_console_${randomBytes(12).toString('hex')}`;

/** A JSON answer of the API. */
export interface Answer {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
}

/**
 * A real `flexroll serve` for the console's browser tests, on the embedded store or on MongoDB (FerretDB) with a
 * database of its own and a `flexroll worker` beside it (the MongoDB store's jobs and webhook deliveries run there).
 * The test drives the API with a workspace's secret key (`api`) to set up what a screen shows, and invites members
 * whom the browser then signs in as.
 */
export class ConsoleStack {
  private constructor(
    readonly serve: ServeProcess,
    readonly worker: ChildProcess | undefined,
    readonly key: string,
    readonly workspaceId: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  get base(): string {
    return this.serve.base;
  }

  static async start(store: StoreChoice, settings: Record<string, string> = {}): Promise<ConsoleStack> {
    const { MONGODB_URI: _uri, FLEXROLL_ADMIN_TOKEN: _token, FLEXROLL_SECRET_KEY: _secret, PORT: _port, HOST: _host, ...rest } = process.env;
    let mongodbUri: string | undefined;
    if (store.uri() !== undefined) {
      const url = new URL(store.uri()!);
      url.pathname = `/${freshDbName('console')}`;
      mongodbUri = url.toString();
    }
    const env: NodeJS.ProcessEnv = {
      ...rest,
      LOG_LEVEL: 'warn',
      FLEXROLL_ADMIN_TOKEN: CONSOLE_ADMIN_TOKEN,
      ...(mongodbUri === undefined ? {} : { MONGODB_URI: mongodbUri, FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64') }),
      ...settings,
    };
    const serve = await ServeProcess.start(env);
    if (mongodbUri === undefined) {
      const match = /workspace\s+(\S+)[\s\S]*?secret key\s+(fr_\S+)/.exec(serve.output);
      if (match === null) throw new Error(`no demo workspace in the banner:\n${serve.output}`);
      return new ConsoleStack(serve, undefined, match[2]!, match[1]!, env);
    }
    const workspace = await flexrollAdmin(env, 'workspace', 'create', 'Leap Energy');
    const key = (await flexrollAdmin(env, 'key', 'create', workspace.id, '--name', 'console tests')).secret as string;
    const worker = spawn(process.execPath, [FLEXROLL_MAIN, 'worker', '--interval', '1'], { env, stdio: ['ignore', 'ignore', 'ignore'] });
    return new ConsoleStack(serve, worker, key, workspace.id as string, env);
  }

  /** An API call with the workspace's secret key (or another bearer). */
  async api(method: string, path: string, body?: unknown, bearer = this.key): Promise<Answer> {
    const response = await fetch(this.base + path, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
  }

  /** Like {@link api}, but fails the test unless the answer is a 2xx. */
  async ok(method: string, path: string, body?: unknown, bearer?: string): Promise<any> {
    const answer = await this.api(method, path, body, bearer);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Seed 004's program (the platform administrator's) and an instance of it in this workspace. */
  async programInstance(name = 'Community Powershare 2025'): Promise<{ programId: string; instanceId: string }> {
    const program = await this.ok('POST', '/programs', COMMUNITY_POWERSHARE, CONSOLE_ADMIN_TOKEN);
    const instance = await this.ok('POST', '/programInstances', { programId: program.id, name });
    return { programId: program.id as string, instanceId: instance.id as string };
  }

  /**
   * A member invited through the API (`POST /members`, as an admin does from the Access screen), and the one-time
   * token of the invitation link (from its fragment, `#token=…`).
   */
  async invite(email: string, role: 'viewer' | 'reviewer' | 'admin'): Promise<{ memberId: string; token: string; invitationUrl: string }> {
    const answer = await this.ok('POST', '/members', { email, role });
    const invitationUrl = answer.invitationUrl as string;
    const token = new URLSearchParams(new URL(invitationUrl).hash.slice(1)).get('token');
    if (token === null) throw new Error(`no token in the invitation link ${invitationUrl}`);
    return { memberId: answer.member.id as string, token, invitationUrl };
  }

  /** A member who has accepted the invitation through the API, ready to sign in with `password`. */
  async activeMember(email: string, role: 'viewer' | 'reviewer' | 'admin', password = 'correct horse battery staple'): Promise<{ email: string; password: string }> {
    const { token } = await this.invite(email, role);
    const response = await fetch(`${this.base}/member-invitations/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password }) });
    if (!response.ok) throw new Error(`accepting the invitation answered ${response.status}: ${await response.text()}`);
    return { email, password };
  }

  async stop(): Promise<void> {
    this.worker?.kill('SIGKILL');
    await this.serve.kill9();
  }
}
