import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { SUZIE } from '../support/fixtures.js';
import { pollUntil } from '../support/pollUntil.js';
import { describeOnEachStore } from '../support/stores.js';
import type { ConsoleStack } from './ConsoleStack.js';
import { ScreenJourney } from './support/ScreenJourney.js';

/** An operator whose API is down until its instance's config says `operatorUp: true` (fixtures/outageAdapter.ts). */
const OUTAGE_ADAPTER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/outageAdapter.js');

/** Reads the API until `holds` accepts the answer (the worker delivers in the background); the answer it accepted. */
async function whenApi(stack: ConsoleStack, what: string, route: string, holds: (body: any) => boolean): Promise<any> {
  return pollUntil(`${what}: GET ${route}`, () => stack.ok('GET', route), holds, 60_000);
}

// The Operators screen (issue 21, §7) in chromium against `flexroll serve` on both stores. An instance bound to an
// operator whose API is down gets an enrollment: its creation fails every outbox attempt in the background (the
// embedded store's serve, or the MongoDB store's worker) and becomes a dead letter; an operator event reports the
// device LIVE while the participation still waits on consent, which the adapter allows for 60 ms before it is drift.
// The console lists both (and the customer e-mail's dead letters, none here); once an admin has fixed the instance's config, the dead letter is retried from the console,
// leaves the list and is delivered. A healthy instance shows both lists empty.
describeOnEachStore('the console: Operators', (store) => describe('drift and dead letters per instance', function () {
  this.timeout(180_000);
  let journey: ScreenJourney;
  let healthy: string;
  let troubled: string;
  let enrollmentId: string;
  let participationId: string;

  before(async function () {
    this.timeout(240_000);
    journey = await ScreenJourney.start(store, { settings: { FLEXROLL_ADAPTERS: `@flexroll/plugin-manual,${OUTAGE_ADAPTER}` } });
    const { stack } = journey;
    const { programId, instanceId } = await stack.programInstance('Community Powershare 2025');
    healthy = instanceId;
    troubled = (await stack.ok('POST', '/programInstances', { programId, name: 'Community Powershare 2026', adapter: { adapterId: 'outage-vpp', config: { operatorUp: false } } })).id;
    const enrollment = await stack.ok('POST', `/programInstances/${troubled}/enrollments`, SUZIE);
    enrollmentId = enrollment.id;
    participationId = enrollment.participationId;
    await stack.ok('POST', `/programInstances/${troubled}/operator-events`, { type: 'device.status', participation_id: participationId, payload: { status: 'LIVE' } });
    await whenApi(stack, 'the drift', `/programInstances/${troubled}/drift`, (page) => page.totalItems === 1);
    await whenApi(stack, 'the dead letter', `/programInstances/${troubled}/adapter-outbox?status=dead`, (page) => page.totalItems === 1);
  });
  after(async () => journey?.stop());
  afterEach(async () => journey.check());

  it('lists the instance’s drift and dead letters, retries a dead letter once the operator is reachable, and keeps the chosen instance in the URL', async () => {
    const { page, stack } = journey;
    const [drifting] = (await stack.ok('GET', `/programInstances/${troubled}/drift`)).data;
    const [dead] = (await stack.ok('GET', `/programInstances/${troubled}/adapter-outbox?status=dead`)).data;
    await journey.open(`/operators?instance=${troubled}`, 'Operators');

    // The heading comes before the screen's reads answer; the rows are waited for, as a person would, before reading them.
    const driftRow = page.getByRole('table', { name: /Participations with drift/ }).getByRole('row', { name: new RegExp(participationId) });
    await driftRow.waitFor();
    expect((await driftRow.getByRole('cell').allTextContents()).slice(0, 2), 'the state, and what the operator says').to.deep.equal([drifting.state, 'device=LIVE']);
    expect(await driftRow.getByRole('link', { name: participationId }).getAttribute('href')).to.equal(`/console/enrollments/${enrollmentId}`);
    const deadLetters = page.getByRole('region', { name: 'Adapter outbox: dead letters' });
    const deadRow = deadLetters.getByRole('row', { name: new RegExp(dead.id) });
    await deadRow.waitFor();
    const [adapter, enrollment, attempts, lastError] = await deadRow.getByRole('cell').allTextContents();
    expect([adapter, enrollment, attempts]).to.deep.equal(['outage-vpp', enrollmentId, '8/8']);
    expect(lastError).to.equal(dead.lastError).and.to.contain('connection refused');
    await page.getByRole('region', { name: 'Customer e-mail: dead letters' }).getByText('No dead customer e-mails.').waitFor();
    await journey.axe('operators');
    await journey.screenshot('25-operators');

    // The admin fixes the operator's config (the API's PATCH, as the Program instances screen sends it), then retries.
    await stack.ok('PATCH', `/programInstances/${troubled}`, { adapter: { adapterId: 'outage-vpp', config: { operatorUp: true } } });
    await deadLetters.getByRole('button', { name: `Retry ${dead.id}` }).click();
    await deadLetters.getByRole('status').filter({ hasText: `${dead.id} queued again.` }).waitFor();
    await deadLetters.getByText('No dead letters.').waitFor();
    expect(journey.requests.requests.filter((request) => request.method === 'POST' && request.path.includes('/adapter-outbox/')).map((request) => request.path), 'one retry, of that item').to.deep.equal([`/programInstances/${troubled}/adapter-outbox/${dead.id}/retry`]);
    const delivered = await whenApi(stack, 'the retried item delivered', `/programInstances/${troubled}/adapter-outbox?status=delivered`, (found) => found.data.some((item: { id: string }) => item.id === dead.id));
    expect(delivered.data.find((item: { id: string }) => item.id === dead.id).attempts, 'eight failed attempts, then the one after the retry').to.equal(9);

    await page.getByLabel('Program instance').selectOption(healthy);
    await page.waitForURL((url) => url.searchParams.get('instance') === healthy);
    await page.getByRole('region', { name: 'Drift' }).getByText('No drift.').waitFor();
    await deadLetters.getByText('No dead letters.').waitFor();
    expect(await journey.requests.operationsUsed()).to.include.members(['GET /programInstances/{instanceId}/drift', 'GET /programInstances/{instanceId}/adapter-outbox', 'POST /programInstances/{instanceId}/adapter-outbox/{itemId}/retry', 'GET /programInstances/{instanceId}/customer-mail']);
    const outboxReads = journey.requests.requests.filter((request) => request.path.endsWith('/adapter-outbox'));
    expect(outboxReads.map((request) => request.path)).to.include(`/programInstances/${healthy}/adapter-outbox`);
    await journey.fitsWidth(360, 'operators');
  });
}));
