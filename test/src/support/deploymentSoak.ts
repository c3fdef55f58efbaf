import { flexrollAdmin } from './ServeProcess.js';
import { call, createTenant, deploymentEnv, enrollmentBody, enrollmentWithoutDevice, type Tenant } from './deploymentTenant.js';
import { Deployment } from './Deployment.js';
import { measureRateLimit, RATE_LIMIT_PER_MINUTE, type RateLimitResult } from './rateLimitProbe.js';
import { freshDbName } from './stores.js';
import { deliveryProblems, WebhookReceiver } from './WebhookReceiver.js';

/** How long, how often a process dies, how many workspaces write and read. */
export interface SoakOptions {
  readonly mongoUri: string;
  readonly durationMs: number;
  readonly killEveryMs: number;
  readonly workspaces: number;
  readonly seed: number;
  /** The rate limit's window (FLEXROLL_RATE_LIMIT_WINDOW_SECONDS): 60 for the real minute, shorter for a short soak. */
  readonly rateWindowSeconds: number;
  /** Rows of the CSV each workspace imports while processes are killed (default 60). */
  readonly importRows?: number;
  readonly log: (line: string) => void;
}

/** What the soak counts at the end (docs/performance.md (w)). Every figure but the rate limit's must be 0. */
export interface SoakReport {
  kills: Record<string, number>;
  requests: number;
  acknowledgedCreates: number;
  acknowledgedPatches: number;
  unanswered: number;
  acknowledgedWritesLost: string[];
  duplicateDevices: string[];
  events: number;
  deliveries: number;
  /** Deliveries beyond the first of an event; each checked to carry the same webhook-id and body. */
  duplicateDeliveries: number;
  webhookProblems: string[];
  /** Rows the jobs did (enrollments the imports created, and the bulk rejects moved), each checked in the log. */
  jobRows: number;
  /** The events the jobs wrote (source `import:<jobId>:<row>` or `bulk:<jobId>`), each checked to be there once. */
  jobEvents: number;
  /** A job event written twice, or a row the log does not show done (each bulk target moved once, each CSV row created once). */
  jobProblems: string[];
  /**
   * Where a job's own counts differ from its events: each row the job did must be counted done (moved, created) once,
   * also when a killed worker did it and the next one redid its chunk (it finds the change made by the job itself).
   */
  jobCountProblems: string[];
  /** The deadline announcements in the log, each checked to be there once for its deadline, and how many of each type. */
  deadlineEvents: number;
  deadlineEventsByType: Record<string, number>;
  deadlineEventsTwice: string[];
  /** One key hammered through each whole window of the soak: what the limiter let through in that window. */
  rateLimitMinutes: RateLimitResult[];
}

/**
 * The soak's instances. Seed 004's address is in this territory, so an enrollment without a device is eligible: the
 * customer submits it, and a bulk reject moves it. A device's participation starts in ENROLMENT_REQUESTED, whose
 * deadline is cut to 20 s with a 10 s lead time: the workers' sweep announces due_soon and missed for each device
 * enrolled while processes are killed.
 */
const SOAK_INSTANCE = {
  eligibilityRules: { serviceTerritory: { postalCodePrefixes: ['100'] } },
  expectedDurations: { ENROLMENT_REQUESTED: 'PT20S' },
  deadlines: { leadTime: 'PT10S' },
};
/** Enrollments per workspace submitted before the kills start, for the bulk reject to move. */
const BULK_ROWS = 20;

/** `rows` customers without a device in CSV, half in the instance's territory (eligible) and half not (ineligible). */
function importCsv(rows: number): string {
  const lines = ['referenceId,identificationType,firstName,lastName,email,streetOne,city,state,postalCode,country,manufacturerSlugs'];
  for (let n = 1; n <= rows; n++) lines.push(`IMPORT-${n},customerInfo,Cand,No ${n},c${n}@example.com,1 Main St,New York,NY,${n % 2 === 0 ? '10001' : '94105'},USA,tesla`);
  return `${lines.join('\n')}\n`;
}

const EVENT_TYPES = ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed', 'participation.state_changed',
  'participation.deadline_due_soon', 'participation.deadline_missed', 'participation.deadline_met'];

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => ((state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An acknowledged create and the tags of its acknowledged (and later unanswered) changes. */
interface Written {
  id: string;
  serial: string;
  /** The tags of the last acknowledged PATCH, and of every PATCH sent after it that got no answer (it may have landed). */
  tagsMayBe: string[][];
}

/**
 * The soak of issue 23: deploy/Procfile's three `serve` and two `worker` processes on one MongoDB behind HAProxy,
 * clients of several workspaces writing and reading through HAProxy, and every `killEveryMs` a random process
 * killed with -9 and started again. At the end it counts what must never happen (see SoakReport).
 */
export async function runDeploymentSoak(options: SoakOptions): Promise<SoakReport> {
  const next = random(options.seed);
  const receiver = await WebhookReceiver.start();
  const env = deploymentEnv(options.mongoUri, freshDbName('soak'), {
    FLEXROLL_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE), FLEXROLL_RATE_LIMIT_WINDOW_SECONDS: String(options.rateWindowSeconds),
    FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true',
    // Short leases, so that what a killed process held is taken over within seconds, not minutes.
    FLEXROLL_WEBHOOK_POLL_MS: '100', FLEXROLL_WEBHOOK_TIMEOUT_MS: '3000', FLEXROLL_WEBHOOK_LEASE_MS: '3500',
    FLEXROLL_IDEMPOTENCY_LEASE_MS: '2000', FLEXROLL_DEVICE_CLAIM_LEASE_MS: '2000', FLEXROLL_WORKER_INTERVAL_SECONDS: '5',
  });
  const deployment = await Deployment.start(env);
  const report: SoakReport = {
    kills: {}, requests: 0, acknowledgedCreates: 0, acknowledgedPatches: 0, unanswered: 0, acknowledgedWritesLost: [], duplicateDevices: [],
    events: 0, deliveries: 0, duplicateDeliveries: 0, webhookProblems: [], jobRows: 0, jobEvents: 0, jobProblems: [], jobCountProblems: [], deadlineEvents: 0, deadlineEventsByType: {}, deadlineEventsTwice: [],
    rateLimitMinutes: [],
  };
  try {
    const base = deployment.base;
    const tenants: Tenant[] = [];
    for (let n = 0; n < options.workspaces; n++) tenants.push(await createTenant(env, base, `Soak Utility ${n + 1}`, SOAK_INSTANCE));
    for (const tenant of tenants) {
      const endpoint = await call(base, tenant.key, 'POST', '/webhook-endpoints', { url: receiver.url, eventTypes: EVENT_TYPES });
      if (endpoint.status !== 201) throw new Error(`webhook endpoint: ${endpoint.status} ${await endpoint.text()}`);
    }
    // Enrollments that a bulk reject per workspace moves while processes die: eligible, then submitted by the customer.
    const jobTargets = new Map<string, string[]>();
    for (const tenant of tenants) {
      const ids: string[] = [];
      for (let n = 0; n < BULK_ROWS; n++) {
        const created = await call(base, tenant.key, 'POST', `/programInstances/${tenant.instanceId}/enrollments`, enrollmentWithoutDevice(`BULK-${n}`, ['soak-job']));
        const { id, eligibilityStatus } = (await created.json()) as { id: string; eligibilityStatus: string };
        if (created.status !== 201 || eligibilityStatus !== 'eligible') throw new Error(`bulk target ${n}: ${created.status}, status ${eligibilityStatus}`);
        const submitted = await call(base, tenant.key, 'PATCH', `/enrollments/${id}`, { status: 'submitted' });
        if (submitted.status !== 200) throw new Error(`submitting bulk target ${n}: ${submitted.status} ${await submitted.text()}`);
        ids.push(id);
      }
      jobTargets.set(tenant.workspaceId, ids);
    }

    const started = Date.now();
    const running = () => Date.now() - started < options.durationMs;
    const written = new Map<string, Written[]>(tenants.map((tenant) => [tenant.workspaceId, []]));

    // Two clients per workspace, each under its key's limit (about 4 requests/s each, 8 of the 10 a key may make).
    const send = async (tenant: Tenant, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response | undefined> => {
      report.requests++;
      try {
        const response = await call(base, tenant.key, method, path, body, headers);
        if (response.status === 429) await sleep(1000 * Number(response.headers.get('retry-after') ?? '1'));
        return response;
      } catch {
        return undefined;
      }
    };
    const lane = async (tenant: Tenant, laneNo: number) => {
      for (let n = 0; running(); n++) {
        const paced = sleep(250);
        const serial = `SN-soak-${tenant.workspaceId}-${laneNo}-${n}`;
        // A create is retried with its Idempotency-Key until it is answered: a kill cuts some off.
        let created: Response | undefined;
        for (let attempt = 0; attempt < 40; attempt++) {
          created = await send(tenant, 'POST', `/programInstances/${tenant.instanceId}/enrollments`, enrollmentBody(serial), { 'idempotency-key': serial });
          if (created !== undefined && (created.status === 201 || (created.status < 500 && created.status !== 409 && created.status !== 429))) break;
          report.unanswered++;
          await sleep(created?.status === 409 ? 1000 : 200);
        }
        if (created?.status !== 201) continue;
        report.acknowledgedCreates++;
        // The tags it was created with (seed 004's example carries some) stand until a change is acknowledged.
        const { id, tags: createdTags } = (await created.json()) as { id: string; tags?: string[] };
        const record: Written = { id, serial, tagsMayBe: [createdTags ?? []] };
        written.get(tenant.workspaceId)!.push(record);
        await paced;
        const tags = [`lane-${laneNo}`, `n-${n}`];
        const patched = await send(tenant, 'PATCH', `/enrollments/${id}`, { tags });
        if (patched?.status === 200) {
          report.acknowledgedPatches++;
          record.tagsMayBe = [tags];
        } else {
          report.unanswered++;
          record.tagsMayBe.push(tags);
        }
        await send(tenant, 'GET', `/enrollments/${id}`);
        if (n % 5 === 0) await send(tenant, 'GET', `/programInstances/${tenant.instanceId}/enrollments?perPage=20`);
        await sleep(250);
      }
    };

    // Each workspace's jobs, started through HAProxy (sent again with their Idempotency-Key until a 202) and run by
    // the workers while they are killed: an import just before the first kill, a bulk reject a third of the way in.
    const jobs = new Map<string, { import?: string; bulk?: string }>();
    const importRows = options.importRows ?? 60;
    const startJob = async (tenant: Tenant, kind: 'import' | 'bulk', post: () => Promise<Response | undefined>) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const answer = await post();
        if (answer?.status === 202) {
          jobs.set(tenant.workspaceId, { ...jobs.get(tenant.workspaceId), [kind]: ((await answer.json()) as { id: string }).id });
          return;
        }
        await sleep(500);
      }
    };
    const startJobs = async () => {
      await sleep(Math.max(0, options.killEveryMs - 2_000));
      const csv = importCsv(importRows);
      await Promise.all(tenants.map((tenant) => startJob(tenant, 'import', async () => {
        report.requests++;
        return fetch(`${base}/programInstances/${tenant.instanceId}/imports`, {
          method: 'POST', headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'text/csv', 'idempotency-key': `soak-import-${tenant.workspaceId}` }, body: csv,
        }).catch(() => undefined);
      })));
      await sleep(Math.min(options.durationMs / 3, 20_000) - (Date.now() - started));
      await Promise.all(tenants.map((tenant) => startJob(tenant, 'bulk', () => send(tenant, 'POST', `/programInstances/${tenant.instanceId}/bulk-actions`, { action: 'reject', reason: 'Soak', where: { tags: ['soak-job'] } }, { 'idempotency-key': `soak-job-${tenant.workspaceId}` }))));
    };

    // A kill on every tick of the clock, whatever the restarts take (a loaded machine takes seconds to start a
    // serve): the victim is any process not still starting, and its restart runs beside the next ticks.
    const restarting = new Map<string, Promise<void>>();
    // As systemd's Restart=always: a start that fails (or is too slow on a loaded machine) is tried again.
    const restartUntilUp = async (name: string) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await deployment.startProcess(name);
        } catch (error) {
          options.log(`${name} did not start (attempt ${attempt}): ${(error as Error).message.split('\n')[0]}`);
          await deployment.kill9(name);
          if (attempt === 5) throw error;
        }
      }
    };
    const killer = async () => {
      for (let tick = 1; started + tick * options.killEveryMs < started + options.durationMs; tick++) {
        await sleep(started + tick * options.killEveryMs - Date.now());
        // The first kill takes a worker, while it runs the imports; then any process.
        const names = deployment.names.filter((name) => !restarting.has(name) && (tick > 1 || name.startsWith('worker')));
        if (names.length === 0) continue;
        const victim = names[Math.floor(next() * names.length)]!;
        report.kills[victim] = (report.kills[victim] ?? 0) + 1;
        options.log(`${((Date.now() - started) / 1000).toFixed(0)} s: kill -9 ${victim}`);
        await deployment.kill9(victim);
        restarting.set(victim, restartUntilUp(victim).finally(() => restarting.delete(victim)));
      }
      await Promise.all(restarting.values());
    };

    const probe = async () => {
      const workspaceId = tenants[0]!.workspaceId;
      // Whole windows only: the next one must end before the soak does.
      const windowMs = options.rateWindowSeconds * 1000;
      const fresh = (await flexrollAdmin(env, 'key', 'create', workspaceId, '--name', 'rate probe')).secret as string;
      while (Math.ceil(Date.now() / windowMs) * windowMs + windowMs <= started + options.durationMs) {
        const window = await measureRateLimit(() => call(base, fresh, 'GET', `/programInstances/${tenants[0]!.instanceId}`), { lanes: 6, windowSeconds: options.rateWindowSeconds });
        report.rateLimitMinutes.push(window);
        options.log(`rate limit window ${report.rateLimitMinutes.length} (${options.rateWindowSeconds} s): ${window.allowed} allowed, ${window.limited} limited, ${window.other} cut off by kills`);
      }
    };

    await Promise.all([...tenants.flatMap((tenant) => [lane(tenant, 0), lane(tenant, 1)]), killer(), startJobs(), probe()]);
    options.log(`load done after ${((Date.now() - started) / 1000).toFixed(0)} s; checking`);

    // Every process up again (the last kill's restart finished inside killer()).
    for (const name of deployment.names) if (name.startsWith('serve')) await deployment.waitInRotation(name);

    // Reads for the checks use fresh keys: the clients' keys may have used up their minute.
    const checkKeys = new Map<string, string>();
    for (const tenant of tenants) checkKeys.set(tenant.workspaceId, (await flexrollAdmin(env, 'key', 'create', tenant.workspaceId, '--name', 'soak check')).secret as string);
    const get = async (tenant: Tenant, path: string): Promise<any> => {
      for (let attempt = 0; ; attempt++) {
        const response = await call(base, checkKeys.get(tenant.workspaceId)!, 'GET', path).catch(() => undefined);
        if (response?.status === 200) return response.json();
        if (attempt > 30) throw new Error(`GET ${path}: ${response?.status} ${await response?.text()}`);
        await sleep(1000 * Number(response?.headers.get('retry-after') ?? '1'));
      }
    };

    // The jobs end, then every acknowledged write is there, and no device is enrolled twice.
    const jobCounts = new Map<string, Record<'created' | 'updated' | 'unchanged' | 'moved' | 'skipped' | 'failed', number>>();
    for (const tenant of tenants) {
      for (const kind of ['import', 'bulk'] as const) {
        const jobId = jobs.get(tenant.workspaceId)?.[kind];
        if (jobId === undefined) throw new Error(`the ${kind} job of ${tenant.workspaceId} never started`);
        for (let waited = 0; ; waited++) {
          const job = await get(tenant, `/jobs/${jobId}`);
          if (!['receiving', 'queued', 'running'].includes(job.status)) {
            const took = job.startedAt === undefined || job.finishedAt === undefined ? '' : ` in ${((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000).toFixed(0)} s, from ${((Date.parse(job.startedAt) - started) / 1000).toFixed(0)} s`;
            options.log(`${kind} job ${jobId}: ${job.status}${took} ${JSON.stringify(job.counts)}`);
            jobCounts.set(jobId, job.counts);
            break;
          }
          if (waited > 300) throw new Error(`${kind} job ${jobId} still ${job.status} after 5 minutes`);
          await sleep(1000);
        }
      }
    }
    const expected = new Map<string, number[]>();
    const eventIds = new Set<string>();
    for (const tenant of tenants) {
      const listed: Array<{ id: string; serialNumber?: string; tags?: string[] }> = [];
      for (let pageNo = 1; ; pageNo++) {
        const page = await get(tenant, `/programInstances/${tenant.instanceId}/enrollments?perPage=100&page=${pageNo}`);
        listed.push(...page.data);
        if (page.data.length < 100) break;
      }
      const bySerial = new Map<string, number>();
      for (const enrollment of listed) if (enrollment.serialNumber !== undefined) bySerial.set(enrollment.serialNumber, (bySerial.get(enrollment.serialNumber) ?? 0) + 1);
      for (const [serial, count] of bySerial) if (count > 1) report.duplicateDevices.push(`${serial} ×${count}`);
      const byId = new Map(listed.map((enrollment) => [enrollment.id, enrollment]));
      for (const write of written.get(tenant.workspaceId)!) {
        const found = byId.get(write.id);
        if (found === undefined || found.serialNumber !== write.serial) report.acknowledgedWritesLost.push(`create ${write.serial} (${write.id})`);
        else if (!write.tagsMayBe.some((tags) => JSON.stringify(tags) === JSON.stringify(found.tags ?? []))) report.acknowledgedWritesLost.push(`patch of ${write.id}: tags ${JSON.stringify(found.tags)}, expected one of ${JSON.stringify(write.tagsMayBe)}`);
      }

      // The workspace's whole log, walked once: what each enrollment's webhook deliveries must match, each event a
      // job wrote (per job, enrollment and type: a row done twice writes its events twice), each deadline announced.
      const { import: importId, bulk: bulkId } = jobs.get(tenant.workspaceId)!;
      const jobMoves = new Map<string, number>();
      const jobWrote = new Map<string, number>();
      const imported = new Set<string>();
      const deadlineSeen = new Map<string, number>();
      for (let after: string | undefined; ;) {
        const page = await get(tenant, `/events?limit=100${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`);
        for (const event of page.data as Array<{ id: string; type: string; enrollmentId: string | null; seq: number | null; source?: string; data: any }>) {
          if (event.enrollmentId === null || event.seq === null) continue;
          if (EVENT_TYPES.includes(event.type)) {
            expected.set(event.enrollmentId, [...(expected.get(event.enrollmentId) ?? []), event.seq]);
            eventIds.add(event.id);
          }
          const byJob = event.source === `bulk:${bulkId}` ? bulkId : event.source?.startsWith(`import:${importId}:`) ? importId : undefined;
          if (byJob !== undefined) {
            const key = `job ${byJob}: ${event.type} of ${event.enrollmentId}`;
            jobWrote.set(key, (jobWrote.get(key) ?? 0) + 1);
            report.jobEvents++;
            if (event.type === 'enrollment.status_changed' && byJob === bulkId) jobMoves.set(event.enrollmentId, (jobMoves.get(event.enrollmentId) ?? 0) + 1);
            if (event.type === 'enrollment.created' && byJob === importId) imported.add(event.enrollmentId);
          }
          if (event.type.startsWith('participation.deadline_')) {
            // Each deadline is announced due soon, missed and met at most once each, whichever sweep got there.
            const key = `${event.type} of ${event.data?.deadline?.id ?? JSON.stringify(event.data)} (${event.enrollmentId})`;
            deadlineSeen.set(key, (deadlineSeen.get(key) ?? 0) + 1);
            report.deadlineEvents++;
            report.deadlineEventsByType[event.type] = (report.deadlineEventsByType[event.type] ?? 0) + 1;
          }
        }
        if (page.nextCursor === undefined || page.data.length === 0) break;
        after = page.nextCursor;
      }
      // No job event twice; every bulk target moved (they were all submitted) and every CSV row created, each once.
      for (const [key, count] of jobWrote) if (count > 1) report.jobProblems.push(`${key} ×${count}`);
      for (const id of jobTargets.get(tenant.workspaceId)!) {
        const moves = jobMoves.get(id) ?? 0;
        if (moves !== 1) report.jobProblems.push(`${id}: ${moves} status changes from bulk job ${bulkId}, expected 1`);
      }
      if (imported.size !== importRows) report.jobProblems.push(`import job ${importId}: ${imported.size} enrollments created in the log, expected ${importRows}`);
      // The jobs' own counts agree with their events: a row done by a killed worker is counted done by the next.
      const bulk = jobCounts.get(bulkId!)!;
      const rowErrors = async (jobId: string, failed: number) => (failed === 0 ? '' : `; its row errors: ${JSON.stringify((await get(tenant, `/jobs/${jobId}/errors`)).data.map((error: { message: string }) => error.message))}`);
      if (jobTargets.get(tenant.workspaceId)!.some((id) => jobMoves.get(id) !== 1) && bulk.failed > 0) report.jobProblems.push(`bulk job ${bulkId}, rows not done${await rowErrors(bulkId!, bulk.failed)}`);
      if (bulk.moved !== jobMoves.size) report.jobCountProblems.push(`bulk job ${bulkId} counted ${bulk.moved} moved, ${bulk.skipped} skipped, ${bulk.failed} failed; the log shows ${jobMoves.size} moved by it${await rowErrors(bulkId!, bulk.failed)}`);
      const imports = jobCounts.get(importId!)!;
      if (imports.created !== imported.size) report.jobCountProblems.push(`import job ${importId} counted ${imports.created} created, ${imports.unchanged + imports.updated} unchanged or updated, ${imports.failed} failed; the log shows ${imported.size} created by it${await rowErrors(importId!, imports.failed)}`);
      report.jobRows += jobMoves.size + imported.size;
      for (const [key, count] of deadlineSeen) if (count > 1) report.deadlineEventsTwice.push(`${key} ×${count}`);
    }
    report.events = eventIds.size;
    options.log(`log walked after ${((Date.now() - started) / 1000).toFixed(0)} s: ${eventIds.size} events to be delivered`);

    // Every event delivered at least once; then the receiver's checks (same webhook-id and body on repeats, seq order).
    const arrived = () => new Set(receiver.received.map((request) => request.payload.id).filter((id) => eventIds.has(id))).size;
    const deadline = Date.now() + 300_000;
    while (arrived() < eventIds.size && Date.now() < deadline) await sleep(200);
    options.log(`deliveries in after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const mine = receiver.received.filter((request) => eventIds.has(request.payload.id));
    report.deliveries = mine.length;
    report.duplicateDeliveries = mine.length - arrived();
    report.webhookProblems = deliveryProblems(mine, expected);
    return report;
  } finally {
    await deployment.stop();
    await receiver.down();
  }
}

/** The report as the bench and the spec print it. */
export function describeSoak(report: SoakReport, seconds: number): string {
  const minutes = report.rateLimitMinutes.map((minute) => minute.allowed);
  return [
    `deployment soak: ${seconds.toFixed(0)} s, 3 serve + 2 worker behind HAProxy, kill -9 of ${JSON.stringify(report.kills)}`,
    `  requests ${report.requests}, creates acknowledged ${report.acknowledgedCreates}, changes acknowledged ${report.acknowledgedPatches}, cut off and retried ${report.unanswered}`,
    `  acknowledged writes lost: ${report.acknowledgedWritesLost.length}`,
    `  duplicate devices: ${report.duplicateDevices.length}`,
    `  webhook events ${report.events}, deliveries ${report.deliveries}: lost or out of order ${report.webhookProblems.length}, duplicates ${report.duplicateDeliveries} (each with the same webhook-id and body)`,
    `  job events emitted twice, or rows not done: ${report.jobProblems.length} (checked ${report.jobEvents} events of ${report.jobRows} rows that the imports created and the bulk rejects moved)`,
    `  job counts that differ from the job's events: ${report.jobCountProblems.length}`,
    `  deadline events emitted twice: ${report.deadlineEventsTwice.length} (checked ${report.deadlineEvents}: ${Object.entries(report.deadlineEventsByType).map(([type, count]) => `${count} ${type.replace('participation.deadline_', '')}`).join(', ') || 'none'})`,
    `  rate limit (${RATE_LIMIT_PER_MINUTE} per window per key, counted across 3 processes): allowed per window ${minutes.join(', ') || '(no whole window)'}`,
    ...[...report.acknowledgedWritesLost, ...report.duplicateDevices, ...report.webhookProblems, ...report.jobProblems, ...report.jobCountProblems, ...report.deadlineEventsTwice].slice(0, 20).map((problem) => `  PROBLEM: ${problem}`),
  ].join('\n');
}
