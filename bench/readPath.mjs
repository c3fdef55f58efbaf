// (a) Read path: what the projection buys. Loading an enrollment whose projection is current (the normal path:
// one projection read and an empty "events after seq" query) against folding its whole event log from scratch.
// Two more cases: the projection lagging 20 events behind (its repair write suppressed, so every read folds them
// again: the cost of a projection a crash or a failing write left behind), and the normal path again with 1,000
// other enrollments' events in the store (an index question: MongoDB answers it from the (enrollmentId, seq)
// index, FerretDB v1 on SQLite scans the collection).
//
// A second table, on the embedded store only, shows what a long participation history costs: the fold alone and one
// real write, over logs of about 200, 1,000 and 4,000 events.
//
// The baseline and the normal path run in five alternating rounds; the other two after them, in order, since each
// changes the store. The log is built once through the services on an embedded "builder" store (seed 000's path to
// ACTIVE, then 100 suspensions raised and cleared) and copied event by event into each store under test through
// its own ports.
//
//   node bench/readPath.mjs        (after npm run build)
import 'reflect-metadata';
import { STORE_TOKENS } from '@flexroll/core';
import { EnrollmentLog, projectEnrollment } from '@flexroll/core/testing';
import { createWithDevice, driveToActive, newHarness } from './lib/harness.mjs';
import { isMain, runBenches } from './lib/main.mjs';
import { compare, lanes, measure } from './lib/measure.mjs';
import { printTable } from './lib/report.mjs';
import { onEachStore, openMemoryBenchStore } from './lib/stores.mjs';

const SUSPENSION_PAIRS = 100;
const LAG_PAIRS = 10;
const OTHER_EVENTS = 1000;
const HISTORY_LENGTHS = [{ pairs: 100, iterations: 200 }, { pairs: 500, iterations: 100 }, { pairs: 2000, iterations: 30 }];
const PLANS = {
  memory: { iterations: 2000, warmup: 200 },
  mongo: { iterations: 40, warmup: 5 },
};

export async function readPath({ mongo }) {
  const built = await buildLog();
  await onEachStore('(a) Read path', mongo, async (kind, label, fresh) => {
    const plan = PLANS[kind];
    const store = await fresh();
    const { workspaceId, enrollmentId, events: all, lagging: lagEvents } = built;
    const h = newHarness(store.module());
    const events = h.port(STORE_TOKENS.events);
    for (const event of all) await events.insert(event);
    await h.port(STORE_TOKENS.enrollments).save(projectEnrollment(undefined, all));
    const log = h.container.get(EnrollmentLog);
    const FOLD = `fold the whole log (list ${all.length} events + projectEnrollment)`;

    const [fold, current] = await compare([
      lanes(async () => projectEnrollment(undefined, await events.listForEnrollment(workspaceId, enrollmentId, 0))),
      lanes(() => log.load(workspaceId, enrollmentId)),
    ], { ...plan, rounds: 5 });

    // Another process whose projection writes are lost: the stored projection stays LAG events behind the log.
    for (const event of lagEvents) await events.insert(event);
    const behind = suppressProjectionSaves(newHarness(store.module())).container.get(EnrollmentLog);
    const lagging = await measure(() => behind.load(workspaceId, enrollmentId), plan);

    for (let n = 0; n < OTHER_EVENTS; n++) await events.insert(otherEvent(all[1], n));
    const crowded = await measure(() => log.load(workspaceId, enrollmentId), plan); // its warm-up repairs the projection

    printTable(`(a) Read path on ${label}: one enrollment's ${all.length}-event log`, [
      { name: FOLD, result: fold, extra: { 'events fetched': all.length, 'events in store': all.length } },
      { name: 'EnrollmentLog.load, projection current', result: current, extra: { 'events fetched': 0, 'events in store': all.length } },
      { name: `EnrollmentLog.load, projection ${lagEvents.length} events behind`, result: lagging, extra: { 'events fetched': lagEvents.length, 'events in store': all.length + lagEvents.length } },
      { name: `EnrollmentLog.load, projection current, ${OTHER_EVENTS} other events in store`, result: crowded, extra: { 'events fetched': 0, 'events in store': all.length + lagEvents.length + OTHER_EVENTS } },
    ]);
  });
  await historyCost();
}

/**
 * What a long history costs, on the embedded store: for logs of ever more suspensions, projectEnrollment over the
 * whole log, and a real write (a suspension raised or cleared through ParticipationService) on top of it. The long
 * logs are made by repeating one real raise/clear pair with new sequence numbers (inserted through the port, then
 * folded once by a read), since making thousands of them through the services would itself take minutes.
 */
async function historyCost() {
  const folds = [];
  const writes = [];
  for (const length of HISTORY_LENGTHS) {
    const h = newHarness(openMemoryBenchStore().module());
    const { context, instance } = await h.tenant();
    const active = await driveToActive(h, context, await createWithDevice(h, context, instance, 'history'));
    const pid = active.participation.id;
    await suspendAndResume(h, context, pid, 1);
    const events = h.port(STORE_TOKENS.events);
    const real = await events.listForEnrollment(context.workspaceId, active.id, 0);
    const pair = real.slice(-2);
    for (let n = 1; n < length.pairs; n++) {
      for (const [offset, { followers: _followers, ...event }] of pair.entries()) {
        const seq = real.length + 2 * (n - 1) + offset + 1;
        await events.insert({ ...event, id: `${event.id}_${n}`, seq, batch: { id: `${event.batch.id}_${n}`, index: 0, size: 1 } });
      }
    }
    await h.container.get(EnrollmentLog).load(context.workspaceId, active.id);
    const log = await events.listForEnrollment(context.workspaceId, active.id, 0);
    const bytes = JSON.stringify(projectEnrollment(undefined, log)).length;
    const plan = { iterations: length.iterations, warmup: Math.ceil(length.iterations / 10) };
    folds.push({ name: `projectEnrollment over ${log.length} events`, result: await measure(async () => projectEnrollment(undefined, log), plan), extra: { 'projection JSON': `${(bytes / 1024).toFixed(0)} KiB` } });
    let raised = false;
    const write = await measure(() => {
      raised = !raised;
      return h.participations.trigger(context, pid, { trigger: raised ? 'suspension_raised' : 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' });
    }, plan);
    writes.push({ name: `one trigger on a ${log.length}-event log`, result: write, extra: { 'projection JSON': `${(bytes / 1024).toFixed(0)} KiB` } });
  }
  for (const row of writes) row.baseline = writes[0].name;
  printTable('(a) What a long history costs, on store-memory', [...folds, ...writes], [
    'A fold from nothing reads every event, so it grows with the log; a write starts from the stored projection,',
    'whose participation history is bounded (its latest episodes), so it costs the same at any length. Folds',
    'compare with the first fold, triggers with the first trigger.',
  ]);
}

/** An enrollment's log made through the services: the path to ACTIVE and SUSPENSION_PAIRS suspensions, then LAG_PAIRS more. */
async function buildLog() {
  const h = newHarness(openMemoryBenchStore().module());
  const { context, instance } = await h.tenant();
  const active = await driveToActive(h, context, await createWithDevice(h, context, instance, 'read'));
  await suspendAndResume(h, context, active.participation.id, SUSPENSION_PAIRS);
  const events = h.port(STORE_TOKENS.events);
  const logged = await events.listForEnrollment(context.workspaceId, active.id, 0);
  await suspendAndResume(h, context, active.participation.id, LAG_PAIRS);
  const lagging = await events.listForEnrollment(context.workspaceId, active.id, logged.length);
  return { workspaceId: context.workspaceId, enrollmentId: active.id, events: logged, lagging };
}

async function suspendAndResume(h, context, participationId, pairs) {
  for (let n = 0; n < pairs; n++) {
    await h.participations.trigger(context, participationId, { trigger: 'suspension_raised', suspensionReason: 'OPERATOR_REQUEST' });
    await h.participations.trigger(context, participationId, { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' });
  }
}

/** The harness with its projection writes dropped, as if every one of them failed. */
function suppressProjectionSaves(h) {
  const real = h.port(STORE_TOKENS.enrollments);
  h.replacePort(STORE_TOKENS.enrollments, new Proxy(real, {
    get: (target, key) => (key === 'save' ? async () => {} : typeof target[key] === 'function' ? target[key].bind(target) : target[key]),
  }));
  return h;
}

/** A one-event batch of some other enrollment (50 of them), shaped like a real event. */
function otherEvent(template, n) {
  const { followers: _followers, ...event } = template;
  return { ...event, id: `${template.id}_other_${n}`, enrollmentId: `other_enrollment_${n % 50}`, seq: n + 1, batch: { id: `bat_other_${n}`, index: 0, size: 1 } };
}

if (isMain(import.meta.url)) await runBenches([readPath], { needsMongo: true });
