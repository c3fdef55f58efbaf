import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The product build's command, as an operator runs it. */
export const FLEXROLL_MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages/cli/dist/main.js');

/** A real `flexroll serve` process: started, killed (also with SIGKILL), started again on the same store. */
export class ServeProcess {
  /** `output`: what it printed until it said where it listens (on the embedded store, the demo workspace's key and program). */
  private constructor(readonly child: ChildProcess, readonly base: string, readonly output: string) {}

  /** Starts `flexroll serve` on a free port with this environment, once it says where it listens. */
  static async start(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServeProcess> {
    const child = spawn(process.execPath, [FLEXROLL_MAIN, 'serve', '--port', '0', '--sweep-seconds', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`flexroll serve did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Flexroll API on (http:\/\/\S+)/.exec(output);
        if (match !== null) done(undefined, match[1]);
      };
      const onExit = (code: number | null) => done(new Error(`flexroll serve exited with ${code}:\n${output}`));
      function done(error?: Error, url?: string) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        child.off('exit', onExit);
        // Keep draining its output so that the pipes never fill and block it.
        child.stdout.resume();
        child.stderr.resume();
        if (error !== undefined) reject(error);
        else resolve(url!);
      }
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', onExit);
    });
    return new ServeProcess(child, base, output);
  }

  /** kill -9: no shutdown, no flushing, requests in flight cut off. */
  async kill9(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

/** Runs an admin command of the product build and returns what it printed as JSON. */
export async function flexrollAdmin(env: NodeJS.ProcessEnv, ...args: string[]): Promise<any> {
  const { stdout } = await promisify(execFile)(process.execPath, [FLEXROLL_MAIN, ...args], { env, timeout: 60_000 });
  return JSON.parse(stdout);
}
