// The measuring side of bench/memory.mjs, in a process of its own started with --expose-gc (a clean heap, nothing
// else's leftovers): the platform as `flexroll serve` builds it on the embedded store (openPlatform from
// @flexroll/cli), a workspace and program instance, then ENROLLMENTS enrollments, each driven to ACTIVE and then
// suspended and resumed through ParticipationService.trigger, round robin, until the store holds EVENTS events.
// Memory is read after two forced collections: once before the first of those enrollments (after a warm-up that
// runs the same code), then at each quarter. RSS is read once V8 has handed back what they freed (`rss`), and at
// once as well (`rssAtCollection`, what this probe reported before issue 17). Prints one line of JSON per reading on stdout.
//
//   node --expose-gc bench/lib/memoryProbe.mjs [events=100000] [enrollments=2000]
import 'reflect-metadata';
import { openPlatform } from '@flexroll/cli';
import { CORE_TOKENS, EnrollmentService, ParticipationService, ProgramInstanceService, ProgramService, resolvePort, STORE_TOKENS, WorkspaceService } from '@flexroll/core';
import { COMMUNITY_POWERSHARE } from '@flexroll/core/testing';
import { driveToActive } from './harness.mjs';
import { enrollmentBody, WRITE_BODIES } from './requestBodies.mjs';

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const EVENTS = Number(process.argv[2] ?? 100_000);
const ENROLLMENTS = Number(process.argv[3] ?? 2000);
const WARMUP_ENROLLMENTS = 20;
const [RAISE, CLEAR] = WRITE_BODIES.trigger.map((body) => ({ trigger: body.trigger, suspensionReason: body.suspension_reason }));

const platform = await openPlatform();
const { container } = platform;
const services = {
  enrollments: container.get(EnrollmentService),
  participations: container.get(ParticipationService),
  clock: resolvePort(container, CORE_TOKENS.clock),
};
const workspace = await container.get(WorkspaceService).create('Memory benchmark');
// The context the API builds for a secret key (packages/api/src/auth/authenticate.ts).
const context = { workspaceId: workspace.id, actor: { type: 'api_key', id: 'key_memory_bench' }, source: 'api', liveMode: false };
const program = await container.get(ProgramService).create(COMMUNITY_POWERSHARE);
const instance = await container.get(ProgramInstanceService).create(context, { programId: program.id, name: 'Community Powershare 2025' });

let serial = 0;
/**
 * `count` enrollments driven to ACTIVE, then raise/clear round robin until they hold `events` events in all; a
 * reading at each of `checkpoints` on the way. Returns the events stored and the last enrollment's id.
 */
async function fill(count, events, checkpoints = []) {
  const active = [];
  let stored = 0;
  for (let n = 0; n < count; n++) {
    const created = await services.enrollments.create(context, instance.id, enrollmentBody(`memory-${serial++}`));
    const enrollment = await driveToActive(services, context, created);
    active.push({ enrollmentId: enrollment.id, participationId: enrollment.participation.id, suspended: false });
    stored += enrollment.seq;
  }
  const pending = [...checkpoints];
  for (let n = 0; stored < events; n++) {
    const target = active[n % active.length];
    await services.participations.trigger(context, target.participationId, target.suspended ? CLEAR : RAISE);
    target.suspended = !target.suspended;
    stored += 1;
    if (stored >= pending[0]) await report(stored, { checkpoint: pending.shift() });
  }
  return { stored, last: active.at(-1).enrollmentId };
}

const started = process.hrtime.bigint();
async function report(events, extra = {}) {
  globalThis.gc();
  globalThis.gc();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { rss: rssAtCollection, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const rss = await settledRss();
  process.stdout.write(`${JSON.stringify({ events, rss, rssAtCollection, heapTotal, heapUsed, external, arrayBuffers, seconds, ...extra })}\n`);
}

/**
 * RSS once V8 has returned the pages the collections freed. It hands them back on a thread of its own shortly after
 * a collection, so a reading taken at once still counts up to 60 MB of heap that is already free (measured: 293 MB
 * at once, 235 MB 100 ms later, unchanged after 1.6 s). Read every 50 ms until two readings agree (at most 2 s).
 */
async function settledRss() {
  let last = process.memoryUsage.rss();
  for (let waited = 0; waited < 2000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = process.memoryUsage.rss();
    if (now === last) return now;
    last = now;
  }
  return last;
}

await fill(WARMUP_ENROLLMENTS, WARMUP_ENROLLMENTS * 60);
await report(0);
const { stored, last } = await fill(ENROLLMENTS, EVENTS, [EVENTS / 4, EVENTS / 2, (3 * EVENTS) / 4]);
// What one stored event and one enrollment's projection look like, for scale.
const events = await resolvePort(container, STORE_TOKENS.events).listForEnrollment(workspace.id, last, 0);
const projection = await services.enrollments.get(context, last);
await report(stored, {
  eventJsonBytes: Math.round(events.reduce((sum, event) => sum + JSON.stringify(event).length, 0) / events.length),
  eventsPerEnrollment: events.length,
  projectionJsonBytes: JSON.stringify(projection).length,
});
await platform.close();
