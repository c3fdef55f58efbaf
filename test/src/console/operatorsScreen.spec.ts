import { expect } from 'chai';
import { describeOnEachStore } from '../support/stores.js';
import { ScreenJourney } from './support/ScreenJourney.js';

// The Operators screen (issue 21, §7) in chromium against `flexroll serve` on both stores: per program instance, the
// participations in drift, the adapter outbox's and the customer e-mail's dead letters, each list read from its route. A healthy instance
// shows both empty (a drift needs an adapter's declared hour to pass, a dead letter eight failed deliveries: see the
// report; the lists' rows are the API's, covered by its own specs).
describeOnEachStore('the console: Operators', (store) => describe('drift and dead letters per instance', function () {
  this.timeout(120_000);
  let journey: ScreenJourney;
  let first: string;
  let second: string;

  before(async function () {
    this.timeout(180_000);
    journey = await ScreenJourney.start(store);
    first = (await journey.stack.programInstance('Community Powershare 2025')).instanceId;
    const program = (await journey.stack.ok('GET', `/programInstances/${first}`)).programId;
    second = (await journey.stack.ok('POST', '/programInstances', { programId: program, name: 'Community Powershare 2026' })).id;
  });
  after(async () => journey?.stop());
  afterEach(async () => journey.check());

  it('shows the drift and the dead letters of the chosen instance, the choice kept in the URL', async () => {
    const { page } = journey;
    await journey.open(`/operators?instance=${first}`, 'Operators');
    await page.getByRole('region', { name: 'Drift' }).getByText('No drift.').waitFor();
    await page.getByRole('region', { name: 'Adapter outbox: dead letters' }).getByText('No dead letters.').waitFor();
    await page.getByRole('region', { name: 'Customer e-mail: dead letters' }).getByText('No dead customer e-mails.').waitFor();
    await journey.axe('operators');
    await journey.screenshot('25-operators');

    await page.getByLabel('Program instance').selectOption(second);
    await page.waitForURL((url) => url.searchParams.get('instance') === second);
    await page.getByRole('region', { name: 'Drift' }).getByText('No drift.').waitFor();
    expect(await journey.requests.operationsUsed()).to.include.members(['GET /programInstances/{instanceId}/drift', 'GET /programInstances/{instanceId}/adapter-outbox', 'GET /programInstances/{instanceId}/customer-mail']);
    const outboxReads = journey.requests.requests.filter((request) => request.path.endsWith('/adapter-outbox'));
    expect(outboxReads.map((request) => request.path)).to.include(`/programInstances/${second}/adapter-outbox`);
    await journey.fitsWidth(360, 'operators');
  });
}));
