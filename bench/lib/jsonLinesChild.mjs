// A node script in a child process that takes one line of JSON on stdin per request and answers one line of JSON
// on stdout: the load generator, the bare baseline server and the MongoDB driver loop all speak it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Starts `node <script>`; `ask(request)` sends one line and resolves with the next line it prints, parsed (an
 * `{ error }` answer rejects); `next()` waits for a line without sending one (an announcement such as a port);
 * `stop()` ends its stdin and waits for it to exit (killing it after a grace period).
 *
 * @param {URL} script
 * @param {{ env?: NodeJS.ProcessEnv, name?: string }} [options]
 */
export function startJsonLinesChild(script, { env = process.env, name = fileURLToPath(script) } = {}) {
  const child = spawn(process.execPath, [fileURLToPath(script)], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const waiting = [];
  const buffered = [];
  let exited;
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter === undefined) buffered.push(line);
    else waiter.resolve(line);
  });
  child.once('exit', (code, signal) => {
    exited = `${name} exited (${code ?? signal})${stderr.trim() === '' ? '' : `:\n${stderr.trim()}`}`;
    for (const waiter of waiting.splice(0)) waiter.reject(new Error(exited));
  });
  const next = async () => {
    const line = buffered.length > 0 ? buffered.shift() : await new Promise((resolve, reject) => {
      if (exited !== undefined) reject(new Error(exited));
      else waiting.push({ resolve, reject });
    });
    const answer = JSON.parse(line);
    if (answer?.error !== undefined) throw new Error(`${name}: ${answer.error}`);
    return answer;
  };
  return {
    next,
    ask(request) {
      child.stdin.write(`${JSON.stringify(request)}\n`);
      return next();
    },
    async stop() {
      if (exited !== undefined) return;
      const gone = once(child, 'exit');
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}
