import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root, where deploy/ and packages/cli/dist live. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PROCFILE = path.join(REPO_ROOT, 'deploy', 'Procfile');
export const HAPROXY_CFG = path.join(REPO_ROOT, 'deploy', 'haproxy', 'haproxy.cfg');
export const HAPROXY_BIN = process.env.FLEXROLL_HAPROXY ?? '/usr/sbin/haproxy';
const SERVE_NAMES = ['serve1', 'serve2', 'serve3'] as const;
/** Generous: on a machine shared by many builds, a serve process has been seen to take over a minute to start. */
const START_TIMEOUT_MS = 180_000;

/** Why HAProxy-backed specs cannot run here, or undefined when they can. */
export function haproxySkipReason(): string | undefined {
  try {
    fs.accessSync(HAPROXY_BIN, fs.constants.X_OK);
    return undefined;
  } catch {
    return `HAProxy is not installed at ${HAPROXY_BIN} (apt-get install haproxy; .ci/run installs it)`;
  }
}

/** One line of deploy/Procfile: its name and its command, words split on spaces. */
export interface ProcessDefinition {
  readonly name: string;
  readonly argv: readonly string[];
}

/** deploy/Procfile's lines, with ${VAR} and ${VAR:-default} taken from env (a missing variable without default is an error). */
export function readProcfile(env: NodeJS.ProcessEnv, file = PROCFILE): ProcessDefinition[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => {
      const match = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(line.trim());
      if (match === null) throw new Error(`${file}: not a "name: command" line: ${line}`);
      const command = match[2]!.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_all, name: string, fallback?: string) => {
        const value = env[name] ?? fallback;
        if (value === undefined) throw new Error(`${file}: ${match[1]} needs ${name}`);
        return value;
      });
      return { name: match[1]!, argv: command.split(/\s+/) };
    });
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A process of the deployment as it runs now, with the tail of what it printed (for failure messages). */
interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output: string;
}

function launch(argv: readonly string[], env: NodeJS.ProcessEnv): Running {
  // `node` in the Procfile is this very Node, so the processes run what the test runs.
  const [command, ...args] = argv[0] === 'node' ? [process.execPath, ...argv.slice(1)] : argv;
  const child = spawn(command!, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const running: Running = {
    child,
    output: '',
    exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal === null ? code : null))),
  };
  const keep = (chunk: Buffer) => { running.output = (running.output + chunk.toString()).slice(-20_000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.once('error', (error) => keep(Buffer.from(`\nspawn error: ${error.message}`)));
  return running;
}

function isAlive(running: Running | undefined): boolean {
  return running !== undefined && running.child.exitCode === null && running.child.signalCode === null;
}

/**
 * A whole deployment on this machine, from the files an operator deploys: deploy/Procfile's processes (three
 * `serve`, two `worker`) on one MongoDB, behind HAProxy started from deploy/haproxy/haproxy.cfg on free ports.
 * Like systemd's units, it can kill -9, terminate and start any one process; it never restarts one by itself, so
 * that a test decides when.
 */
export class Deployment {
  private readonly processes = new Map<string, Running>();
  private haproxy: Running | undefined;

  private constructor(
    /** HAProxy's address: what clients call. */
    readonly base: string,
    readonly env: NodeJS.ProcessEnv,
    private readonly definitions: readonly ProcessDefinition[],
    private readonly statsSocket: string,
    private readonly workDir: string,
  ) {}

  /**
   * Starts the Procfile's processes named in `only` (default: all) with this environment (MONGODB_URI,
   * FLEXROLL_SECRET_KEY, …) plus the ports chosen here, and HAProxy in front of the serve processes; resolves once
   * HAProxy has every serve process in rotation.
   */
  static async start(env: NodeJS.ProcessEnv, only?: readonly string[]): Promise<Deployment> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flexroll-deployment-'));
    const ports: Record<string, string> = {};
    for (const name of SERVE_NAMES) ports[`FLEXROLL_${name.toUpperCase()}_PORT`] = String(await freePort());
    const lbPort = await freePort();
    const fullEnv: NodeJS.ProcessEnv = { ...env, ...ports, FLEXROLL_SERVE_HOST: '127.0.0.1' };
    const definitions = readProcfile(fullEnv).filter((definition) => only === undefined || only.includes(definition.name));
    const deployment = new Deployment(`http://127.0.0.1:${lbPort}`, fullEnv, definitions, path.join(workDir, 'haproxy.sock'), workDir);
    try {
      // One after another: the first builds the indexes, and the test's start-up stays light on a shared machine.
      // (Started all at once they used to collide on a PostgreSQL setting; addFerretDbPostgresIndexes ignores that now.)
      for (const definition of definitions) await deployment.startProcess(definition.name);
      deployment.haproxy = launch([HAPROXY_BIN, '-db', '-f', HAPROXY_CFG], {
        ...process.env,
        FLEXROLL_LB_BIND: `127.0.0.1:${lbPort}`,
        FLEXROLL_LB_STATS_SOCKET: deployment.statsSocket,
        ...Object.fromEntries(SERVE_NAMES.map((name) => [`FLEXROLL_${name.toUpperCase()}`, `127.0.0.1:${ports[`FLEXROLL_${name.toUpperCase()}_PORT`]}`])),
      });
      for (const definition of definitions) {
        if (definition.name.startsWith('serve')) await deployment.waitInRotation(definition.name);
      }
      return deployment;
    } catch (error) {
      await deployment.stop();
      throw error;
    }
  }

  /** Names of the processes of this deployment (the Procfile's, or those chosen at start). */
  get names(): string[] {
    return this.definitions.map((definition) => definition.name);
  }

  /** The direct address of a serve process (bypassing HAProxy). */
  directBase(name: string): string {
    return `http://127.0.0.1:${this.env[`FLEXROLL_${name.toUpperCase()}_PORT`]}`;
  }

  /** Starts one process (again); a serve process is awaited until it listens, a worker for a second. */
  async startProcess(name: string): Promise<void> {
    const definition = this.definitions.find((candidate) => candidate.name === name);
    if (definition === undefined) throw new Error(`no process ${name} in ${PROCFILE}`);
    if (isAlive(this.processes.get(name))) throw new Error(`${name} is running already`);
    const running = launch(definition.argv, this.env);
    this.processes.set(name, running);
    // A worker says nothing at the warn level: alive a second after its start is as started as it gets.
    const sinceStart = Date.now();
    const ready = name.startsWith('serve') ? () => /Flexroll API on http/.test(running.output) : () => Date.now() - sinceStart > 1_000;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!ready()) {
      if (!isAlive(running)) throw new Error(`${name} exited (${running.child.exitCode ?? running.child.signalCode}) before it started:\n${running.output}`);
      if (Date.now() > deadline) throw new Error(`${name} did not start within ${START_TIMEOUT_MS} ms:\n${running.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** kill -9 of one process: nothing finishes, nothing is released. */
  async kill9(name: string): Promise<void> {
    const running = this.processes.get(name);
    if (running === undefined || !isAlive(running)) return;
    running.child.kill('SIGKILL');
    await running.exited;
  }

  /** SIGTERM to one process; resolves with its exit code (null when a signal ended it). */
  async terminate(name: string): Promise<number | null> {
    const running = this.processes.get(name);
    if (running === undefined) return null;
    if (!isAlive(running)) return running.exited;
    running.child.kill('SIGTERM');
    return running.exited;
  }

  /** What a process printed lately. */
  output(name: string): string {
    return this.processes.get(name)?.output ?? '';
  }

  /** HAProxy's view of each server: serve1 → 'UP' | 'DOWN' | 'UP 1/2' …, from `show stat` on its runtime API. */
  async serverStates(): Promise<Record<string, string>> {
    const csv = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ path: this.statsSocket });
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => { text += chunk; });
      socket.once('error', reject);
      socket.once('end', () => resolve(text));
      socket.write('show stat\n');
    });
    const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n').map((line) => line.split(','));
    const column = (name: string) => header!.indexOf(name);
    const states: Record<string, string> = {};
    for (const row of rows) {
      if (row[column('pxname')] === 'flexroll' && row[column('svname')]!.startsWith('serve')) states[row[column('svname')]!] = row[column('status')]!;
    }
    return states;
  }

  /** Waits until HAProxy has the serve process in rotation again (its health checks passed `rise` times). */
  async waitInRotation(name: string, timeoutMs = START_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.haproxy !== undefined && !isAlive(this.haproxy)) throw new Error(`haproxy exited:\n${this.haproxy.output}`);
      const state = await this.serverStates().catch(() => undefined);
      if (state?.[name] === 'UP') return;
      if (Date.now() > deadline) throw new Error(`HAProxy did not put ${name} in rotation within ${timeoutMs} ms (state ${state?.[name]})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Stops everything: SIGTERM to every process (SIGKILL after 15 s), then HAProxy. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes.keys()].map(async (name) => {
      const running = this.processes.get(name)!;
      if (!isAlive(running)) return;
      const timer = setTimeout(() => running.child.kill('SIGKILL'), 15_000);
      await this.terminate(name);
      clearTimeout(timer);
    }));
    if (this.haproxy !== undefined && isAlive(this.haproxy)) {
      this.haproxy.child.kill('SIGKILL');
      await this.haproxy.exited;
    }
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}
