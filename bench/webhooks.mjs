// (j) Webhook delivery on the embedded store, against a receiver in another process (bench/lib/webhookReceiverProcess.mjs).
//
// Throughput: a backlog of events (enrollments created and changed before the dispatcher starts) is fanned out and
// delivered by WebhookDispatcher.runOnce until none is left: deliveries per second. The BASELINE, in the same run,
// is a raw loop of the same number of signed POSTs of the same bodies (signWebhook + the same HTTP transport, keep-alive, the same
// number of lanes as the dispatcher's concurrency) to the same receiver: what the network and the receiver allow
// with no store, no fan-out, no claims and no bookkeeping. Target: at least 0.5× the baseline.
//
// Latency: the dispatcher runs as it does under `flexroll serve` (a BackgroundRunner, woken by appends in this
// process), while events are appended at a steady 200 per second (each an enrollment.updated, spread over 50
// enrollments) for 10 seconds. Latency is the receiver's arrival time minus the event's occurredAt: append, fan-out,
// claim, sign, POST. Target: p99 under one second.
//
//   node bench/webhooks.mjs        (after npm run build:all)
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Container } from 'inversify';
import { BackgroundRunner, CORE_TOKENS, STORE_TOKENS, coreModule, NodeWebhookTransport, resolvePort, signWebhook, SystemClock, WebhookDispatcher, WebhookEndpointService, EnrollmentService, WorkspaceService, ProgramService, ProgramInstanceService } from '@flexroll/core';
import { COMMUNITY_POWERSHARE, suzieWithDevice } from '@flexroll/core/testing';
import { memoryStoreModule } from '@flexroll/store-memory';
import manualAdapter from '@flexroll/plugin-manual';
import { isMain, runBenches } from './lib/main.mjs';
import { lanes } from './lib/measure.mjs';
import { printTable } from './lib/report.mjs';

const BACKLOG_ENROLLMENTS = 600;
const ROUNDS = 3;
const CONCURRENCY = 32;
const RATE_PER_SECOND = 200;
const LATENCY_SECONDS = 10;

export async function webhooks() {
  const receiver = await startReceiver();
  try {
    await throughput(receiver);
    await latency(receiver);
  } finally {
    receiver.child.kill();
  }
}

/** The embedded store with the core on the wall clock; the receiver is on loopback, so private networks are allowed (knowingly). */
async function platform() {
  const container = new Container();
  container.load(coreModule({ adapters: [manualAdapter], clock: new SystemClock(), settings: { webhookAllowPrivateNetworks: true, webhookConcurrency: CONCURRENCY, webhookPollIntervalMs: 250 } }), memoryStoreModule());
  const context = { workspaceId: (await container.get(WorkspaceService).create('Bench')).id, actor: { type: 'api_key', id: 'key_bench' }, source: 'bench', liveMode: true };
  const program = await container.get(ProgramService).create(COMMUNITY_POWERSHARE);
  const instance = await container.get(ProgramInstanceService).create(context, { programId: program.id, name: 'Bench 2025' });
  return { container, context, instance, enrollments: container.get(EnrollmentService) };
}

async function throughput(receiver) {
  const { container, context, instance, enrollments } = await platform();
  const { endpoint, secret } = await container.get(WebhookEndpointService).create(context, { url: receiver.url, eventTypes: ['enrollment.created', 'enrollment.updated'] });
  const dispatcher = container.get(WebhookDispatcher);
  let serial = 0;
  /** A backlog of `count` enrollments × 5 events, appended before the clock starts; then the dispatcher drains it, timed. */
  const dispatchRound = async (count) => {
    for (let n = 0; n < count; n++) {
      const { id } = await enrollments.create(context, instance.id, suzieWithDevice(`SN-BENCH-${serial++}`));
      for (const phone of ['+1000000001', '+1000000002', '+1000000003', '+1000000004']) await enrollments.update(context, id, { changes: { phone } });
    }
    const expected = receiver.count + count * 5;
    const startedAt = process.hrtime.bigint();
    const cpuBefore = process.cpuUsage();
    while (receiver.count < expected) await dispatcher.runOnce();
    cpu.dispatch += cpuMs(process.cpuUsage(cpuBefore));
    return Number(process.hrtime.bigint() - startedAt) / 1e6;
  };
  const cpu = { dispatch: 0, raw: 0 };
  const transport = new NodeWebhookTransport(true);
  // Warm both up, then alternate rounds, so that a busy moment of the shared machine slows both alike. The raw loop
  // sends the very bodies the dispatcher sent (the warm-up's messages), so both move the same bytes.
  await dispatchRound(40);
  const sent = await resolvePort(container, STORE_TOKENS.webhookMessages).listForEndpointInState(context.workspaceId, endpoint.id, 'delivered');
  const rawRound = lanes((index) => {
    const { eventId, payload } = sent[Math.abs(index) % sent.length];
    return transport.send({ url: receiver.url, headers: signWebhook(eventId, Math.floor(Date.now() / 1000), payload, [secret]), body: payload, timeoutMs: 15_000 });
  }, CONCURRENCY);
  await rawRound(200, -200);
  const dispatched = [];
  const raw = [];
  for (let round = 0; round < ROUNDS; round++) {
    dispatched.push(await dispatchRound(BACKLOG_ENROLLMENTS / ROUNDS));
    const cpuBefore = process.cpuUsage();
    raw.push(await rawRound((BACKLOG_ENROLLMENTS / ROUNDS) * 5, round * 10_000));
    cpu.raw += cpuMs(process.cpuUsage(cpuBefore));
  }
  transport.close();
  resolvePort(container, CORE_TOKENS.webhookTransport).close?.();
  const deliveries = BACKLOG_ENROLLMENTS * 5;
  const dispatchMs = dispatched.reduce((sum, ms) => sum + ms, 0);
  const rawMs = raw.reduce((sum, sample) => sum + sample.elapsedMs, 0);
  const rawLatencies = Float64Array.from(raw.flatMap((sample) => [...sample.latencies])).sort();
  const at = (q) => rawLatencies[Math.min(rawLatencies.length - 1, Math.ceil(q * rawLatencies.length) - 1)];
  const rawResult = { iterations: deliveries, concurrency: CONCURRENCY, elapsedMs: rawMs, opsPerSec: (deliveries / rawMs) * 1000, p50: at(0.5), p95: at(0.95), failures: {} };
  const dispatchResult = { iterations: deliveries, concurrency: CONCURRENCY, elapsedMs: dispatchMs, opsPerSec: (deliveries / dispatchMs) * 1000, p50: Number.NaN, p95: Number.NaN, failures: {} };
  printTable('(j) Webhook deliveries per second on store-memory, to a receiver in another process', [
    { name: `raw loop: signed POSTs, ${CONCURRENCY} lanes (baseline)`, result: rawResult, extra: { 'CPU µs/op': Math.round((cpu.raw * 1000) / deliveries) } },
    { name: `WebhookDispatcher: ${BACKLOG_ENROLLMENTS} enrollments × 5 events, fan-out + claim + POST + log`, result: dispatchResult, extra: { 'CPU µs/op': Math.round((cpu.dispatch * 1000) / deliveries) } },
  ], [`${ROUNDS} alternating rounds after a warm-up of each. The dispatcher row is timed per round as a whole (no per-delivery p50/p95); its ratio is the target (≥ 0.5×).`,
    'CPU µs/op is this process’s CPU time (user + system) per delivery: the receiver runs elsewhere.']);
}

async function latency(receiver) {
  const { container, context, instance, enrollments } = await platform();
  await container.get(WebhookEndpointService).create(context, { url: receiver.url, eventTypes: ['enrollment.updated'] });
  const ids = [];
  for (let n = 0; n < 50; n++) ids.push((await enrollments.create(context, instance.id, suzieWithDevice(`SN-LAT-${n}`))).id);
  const runner = new BackgroundRunner([container.get(WebhookDispatcher)], resolvePort(container, CORE_TOKENS.logger));
  runner.start();
  const latencies = [];
  receiver.onDelivery = (message) => latencies.push(message.arrivedAt - Date.parse(message.timestamp));
  const total = RATE_PER_SECOND * LATENCY_SECONDS;
  const started = Date.now();
  const appends = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / RATE_PER_SECOND;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    appends.push(enrollments.update(context, ids[n % ids.length], { changes: { phone: `+1${String(n).padStart(10, '0')}` } }));
  }
  await Promise.all(appends);
  const appendSeconds = (Date.now() - started) / 1000;
  while (latencies.length < total) await new Promise((resolve) => setTimeout(resolve, 20));
  await runner.stop();
  receiver.onDelivery = undefined;
  resolvePort(container, CORE_TOKENS.webhookTransport).close?.();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
  const result = { iterations: total, concurrency: 1, elapsedMs: appendSeconds * 1000, opsPerSec: total / appendSeconds, p50: at(0.5), p95: at(0.95), failures: {} };
  printTable(`(j) Append → delivery latency on store-memory at a steady ${RATE_PER_SECOND} events/s for ${LATENCY_SECONDS} s (flexroll serve's in-process dispatcher)`, [
    { name: 'enrollment.updated appended → POST received', result, extra: { 'p99 ms': at(0.99), 'max ms': latencies.at(-1), 'target p99': '< 1000 ms' } },
  ], ['ops/s is the append rate achieved; latencies are in whole milliseconds (occurredAt has millisecond resolution).']);
}

const cpuMs = (usage) => (usage.user + usage.system) / 1000;

function startReceiver() {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./lib/webhookReceiverProcess.mjs', import.meta.url)), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const receiver = { child, url: '', count: 0, onDelivery: undefined };
    child.on('message', (message) => {
      if (message.port !== undefined) {
        receiver.url = `http://127.0.0.1:${message.port}/bench`;
        return resolve(receiver);
      }
      receiver.count++;
      receiver.onDelivery?.(message);
    });
    child.once('exit', (code) => reject(new Error(`the receiver exited with ${code}`)));
  });
}

if (isMain(import.meta.url)) await runBenches([webhooks], { needsMongo: false });
