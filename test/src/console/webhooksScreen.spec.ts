import { expect } from 'chai';
import { describeOnEachStore } from '../support/stores.js';
import { WebhookReceiver } from '../support/WebhookReceiver.js';
import { ScreenJourney } from './support/ScreenJourney.js';

// The Webhooks screens (issue 21, §6: at least Svix's hosted portal) in chromium against `flexroll serve` on both
// stores: endpoints (create with the secret shown once, edit, disable and enable, rotate, test event, delete), the
// event catalogue with schemas and examples, and the delivery log with attempts, filters and replays.
describeOnEachStore('the console: Webhooks', (store) => describe('endpoints, catalogue, delivery log, replays', function () {
  this.timeout(120_000);
  let journey: ScreenJourney;
  let receiver: WebhookReceiver;
  let endpointPath: string;

  before(async function () {
    this.timeout(180_000);
    receiver = await WebhookReceiver.start();
    journey = await ScreenJourney.start(store, { settings: { FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' } });
  });
  after(async () => {
    await journey?.stop();
    await receiver?.down();
  });
  afterEach(async () => journey.check());

  it('adds an endpoint, shows its signing secret once, and lists it; the catalogue shows each type’s schema and example', async () => {
    const { page } = journey;
    await journey.open('/webhooks', 'Webhooks');
    const add = page.getByRole('region', { name: 'Add an endpoint' });
    await add.getByLabel('URL').fill(receiver.url);
    await add.getByLabel('Description').fill('Leap’s receiver');
    await add.getByRole('checkbox', { name: '*' }).uncheck();
    await add.getByRole('checkbox', { name: 'enrollment.status_changed' }).check();
    await add.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = add.getByLabel('The endpoint’s signing secret');
    await secret.waitFor();
    expect(await secret.inputValue()).to.match(/^whsec_/);
    const link = page.getByRole('table', { name: 'Webhook endpoints' }).getByRole('link', { name: receiver.url });
    await link.waitFor();

    const catalogue = page.getByRole('region', { name: 'Event catalogue' });
    await catalogue.getByText('enrollment.status_changed', { exact: true }).click();
    const example = JSON.parse((await catalogue.getByLabel('Example: enrollment.status_changed').textContent())!);
    expect(example.type).to.equal('enrollment.status_changed');
    await catalogue.getByLabel('Schema: enrollment.status_changed').waitFor();
    await journey.axe('webhooks');
    await journey.screenshot('23-webhooks');

    await link.click();
    await page.getByRole('heading', { level: 1, name: `Endpoint: ${receiver.url}` }).waitFor();
    endpointPath = new URL(page.url()).pathname.replace(/^\/console/, '');
  });

  it('sends a test event and shows it in the delivery log with its attempts; replays it; filters by type, state, enrollment and time', async () => {
    const { page } = journey;
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByRole('status').getByText('Test event queued.').waitFor();
    await receiver.until(() => receiver.received.some((received) => received.payload.type === 'webhook.test'), 30_000, 'the test event');
    const log = page.getByRole('region', { name: 'Delivery log' });
    const table = log.getByRole('table', { name: 'Messages sent to this endpoint' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: 'webhook.test' }).first();
    // The log is read when the page opens: read again until the delivery is recorded as delivered.
    for (let attempt = 0; attempt < 100 && !(await row.textContent())?.includes('delivered'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await page.reload();
      await table.waitFor();
    }
    await row.getByRole('button', { name: /^Attempts of msg_/ }).click();
    const attempts = log.getByRole('table', { name: /^Attempts of message msg_/ });
    await attempts.getByRole('cell', { name: 'succeeded' }).first().waitFor();
    await journey.axe('delivery log with attempts');
    await journey.screenshot('24-webhook-endpoint');

    await row.getByRole('button', { name: /^Replay msg_/ }).click();
    await log.getByText('Replay queued.').first().waitFor();

    const filters = log.getByRole('form', { name: 'Filter the delivery log' });
    await filters.getByLabel('Event type').selectOption('webhook.test');
    await filters.getByLabel('State').selectOption('failed');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await log.getByText('No messages match.').waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`the filtered log shows: ${await log.textContent()}`, { cause: error });
    });
    const url = new URL(page.url());
    expect(url.searchParams.get('type')).to.equal('webhook.test');
    expect(url.searchParams.get('state')).to.equal('failed');
    // On a fresh page the log says "No messages match." for a moment whatever its read answers (its rows are set in an
    // effect, after that render), so the text alone proves nothing: the read must carry the URL's filter and answer none.
    const filteredRead = page.waitForResponse((response) => response.request().method() === 'GET' && new URL(response.url()).pathname.endsWith('/messages')
      && new URL(response.url()).searchParams.get('enrollmentId') === 'cllgn0u4r000008l7eazybfbo');
    await page.goto(`${journey.stack.base}/console${endpointPath}?enrollmentId=cllgn0u4r000008l7eazybfbo&createdFrom=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
    expect((await (await filteredRead).json()).data, 'the log read with the URL’s filters').to.deep.equal([]);
    await log.getByText('No messages match.').waitFor();
    expect(await filters.getByLabel('Enrollment id').inputValue()).to.equal('cllgn0u4r000008l7eazybfbo');
    await page.goto(`${journey.stack.base}/console${endpointPath}?type=webhook.test`);
    await table.getByRole('row').filter({ hasText: 'webhook.test' }).first().waitFor();

    const replayFailed = log.getByRole('button', { name: 'Replay failed messages' });
    await log.getByLabel('Replay every failed message since').fill('2020-01-01T00:00');
    await replayFailed.click();
    await log.getByText('0 message(s) queued again.').waitFor();
    expect(await journey.requests.operationsUsed()).to.include.members([
      'GET /webhook-endpoints/{endpointId}/messages', 'GET /webhook-endpoints/{endpointId}/messages/{messageId}/attempts',
      'POST /webhook-endpoints/{endpointId}/messages/{messageId}/replay', 'POST /webhook-endpoints/{endpointId}/replay-failed',
      'POST /webhook-endpoints/{endpointId}/test',
    ]);
  });

  it('edits, disables and enables, rotates the secret (shown once), and deletes the endpoint', async () => {
    const { page, stack } = journey;
    await journey.open(endpointPath, `Endpoint: ${receiver.url}`);
    await page.getByText('Edit', { exact: true }).click();
    // The form's event-type boxes come from the catalogue, read apart from the endpoint (the heading's read): saved
    // before they show, the form would send no event types and be refused. A person sees the endpoint's type ticked.
    const chosen = page.getByRole('checkbox', { name: 'enrollment.status_changed', exact: true });
    await chosen.waitFor();
    expect(await chosen.isChecked(), 'the form shows the endpoint’s event types').to.equal(true);
    await page.getByLabel('Description').fill('Leap’s receiver, renamed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved.').waitFor();
    const endpointId = endpointPath.split('/').at(-1)!;
    expect((await stack.ok('GET', `/webhook-endpoints/${endpointId}`)).description).to.equal('Leap’s receiver, renamed');

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Disabled (manual)').waitFor();
    expect((await stack.ok('GET', `/webhook-endpoints/${endpointId}`)).status).to.equal('disabled');
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByRole('button', { name: 'Disable' }).waitFor();

    await page.getByRole('button', { name: 'Rotate the secret' }).click();
    const secret = page.getByLabel('New signing secret');
    await secret.waitFor();
    expect(await secret.inputValue()).to.match(/^whsec_/);
    expect((await stack.ok('GET', `/webhook-endpoints/${endpointId}`)).previousSecretExpiresAt).to.be.a('string');
    await journey.fitsWidth(360, 'a webhook endpoint');

    await page.getByRole('button', { name: 'Delete the endpoint' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks', exact: true }).waitFor();
    await page.getByRole('table', { name: 'Webhook endpoints' }).or(page.getByText('None.')).first().waitFor();
    expect((await stack.api('GET', `/webhook-endpoints/${endpointId}`)).status).to.equal(404);
  });
}));
