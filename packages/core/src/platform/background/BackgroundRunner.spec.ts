import { expect } from 'chai';
import { RecordingLogger } from '../../testing/RecordingLogger.js';
import { BackgroundRunner } from './BackgroundRunner.js';
import type { BackgroundTask } from './BackgroundTask.js';

describe(BackgroundRunner.name, () => {
  const counting = (name: string, intervalMs: number, run: (count: number) => number = () => 1): BackgroundTask & { runs: number; inFlight: number; overlapped: boolean } => {
    const task = {
      name, intervalMs, runs: 0, inFlight: 0, overlapped: false,
      async runOnce() {
        task.inFlight++;
        if (task.inFlight > 1) task.overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 2));
        task.inFlight--;
        return run(++task.runs);
      },
    };
    return task;
  };

  it('runs every task again and again, each on its own cadence, never overlapping itself', async () => {
    const fast = counting('fast', 1);
    const slow = counting('slow', 1_000);
    const runner = new BackgroundRunner([fast, slow], new RecordingLogger());
    runner.start();
    // Until the fast task has run four times (a fixed window counts fewer runs on a loaded machine); mocha's timeout
    // fails a runner that stops running it.
    while (fast.runs <= 3) await new Promise((resolve) => setTimeout(resolve, 1));
    await runner.stop();
    expect(slow.runs, 'the slow task waits its own interval meanwhile').to.equal(1);
    expect(fast.overlapped || slow.overlapped).to.equal(false);
  });

  it('logs a run that throws, and runs the task again', async () => {
    const logger = new RecordingLogger();
    const flaky = counting('flaky', 1, (count) => {
      if (count === 1) throw new Error('the store went away');
      return 0;
    });
    const runner = new BackgroundRunner([flaky], logger);
    runner.start();
    // Until the task has run again after its throw; mocha's timeout fails a runner that gives it up.
    while (flaky.runs <= 1) await new Promise((resolve) => setTimeout(resolve, 1));
    await runner.stop();
    expect(logger.withMessage('background task failed').map((line) => line.meta)).to.deep.equal([{ task: 'flaky', error: 'the store went away' }]);
  });

  it('stops promptly: a pause between runs ends at stop, and a run in progress finishes first', async () => {
    const idle = counting('idle', 60_000);
    const runner = new BackgroundRunner([idle], new RecordingLogger());
    runner.start();
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).to.be.below(1_000);
    expect([idle.runs, idle.inFlight]).to.deep.equal([1, 0]);
  });

  it('drains: runs every task until a run finds nothing due, with no pause, and refuses while its loops run', async () => {
    const queue = counting('queue', 60_000, (count) => (count <= 3 ? 5 : 0));
    const idle = counting('idle', 60_000, () => 0);
    const runner = new BackgroundRunner([queue, idle], new RecordingLogger());
    expect(await runner.drain()).to.equal(15);
    expect([queue.runs, idle.runs]).to.deep.equal([4, 1]);
    runner.start();
    const refused = await runner.drain().catch((error: unknown) => error);
    expect(String(refused)).to.match(/not started, or stopped/);
    await runner.stop();
    expect(await runner.drain()).to.equal(0);
  });

  it('starts a task that has startOnce without waiting for what it started, and stop waits for that to end', async () => {
    let release!: () => void;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    const started: Promise<void>[] = [];
    const task: BackgroundTask & { starts: number } = {
      name: 'lanes', intervalMs: 1, starts: 0,
      runOnce: () => Promise.reject(new Error('the loop starts this task, it does not run it')),
      startOnce() {
        if (++task.starts === 1) started.push(hanging);
        return Promise.resolve(0);
      },
      async settleStarted() {
        await Promise.all(started);
      },
    };
    const logger = new RecordingLogger();
    const runner = new BackgroundRunner([task], logger);
    runner.start();
    while (task.starts < 5) await new Promise((resolve) => setTimeout(resolve, 1));
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped, 'stop waits for the work still running').to.equal(false);
    release();
    await stopping;
    expect(logger.withMessage('background task failed')).to.deep.equal([]);
  });
});
