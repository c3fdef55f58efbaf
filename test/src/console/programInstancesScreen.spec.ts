import { expect } from 'chai';
import { COMMUNITY_POWERSHARE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';
import { CONSOLE_ADMIN_TOKEN } from './ConsoleStack.js';
import { importCandidates, SCREENING_RULES } from './seedData.js';
import { ScreenJourney } from './support/ScreenJourney.js';

/** The Kraken adapter's two secrets, set through the API; the console must never show them. */
const KRAKEN_API_KEY = 'sk_live_console_never_shown';
const KRAKEN_WEBHOOK_SECRET = 'whsec_console_never_shown_0123456789';

// The Program instances screens (issue 21, §5) in chromium against `flexroll serve` on both stores: create an
// instance, edit its settings and adapter configuration (secrets write-only), and edit its eligibility rules with
// validation as they are typed and a dry run against the last 100 candidates before saving a new version.
describeOnEachStore('the console: Program instances', (store) => describe('create, settings, adapter secrets, rules with a dry run', function () {
  this.timeout(120_000);
  let journey: ScreenJourney;
  let programId: string;
  let instanceId: string;

  before(async function () {
    this.timeout(180_000);
    journey = await ScreenJourney.start(store, {
      settings: { FLEXROLL_ADAPTERS: '@flexroll/plugin-manual,@flexroll/plugin-kraken', FLEXROLL_ADAPTERS_ALLOW_PRIVATE_NETWORKS: 'true' },
    });
    programId = (await journey.stack.ok('POST', '/programs', COMMUNITY_POWERSHARE, CONSOLE_ADMIN_TOKEN)).id;
  });
  after(async () => journey?.stop());
  afterEach(async () => journey.check());

  it('lists the instances and creates one, then opens it', async () => {
    const { page } = journey;
    await journey.open('/program-instances', 'Program instances');
    const form = page.getByRole('region', { name: 'Create a program instance' });
    await form.getByLabel('Name').fill('Community Powershare 2026');
    await form.getByLabel('Program', { exact: true }).selectOption(programId);
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'Program instance: Community Powershare 2026' }).waitFor();
    instanceId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect((await journey.stack.ok('GET', `/programInstances/${instanceId}`)).name).to.equal('Community Powershare 2026');
    await page.getByRole('link', { name: 'Back to the program instances' }).click();
    await page.getByRole('table', { name: 'Program instances of this workspace' }).getByRole('link', { name: 'Community Powershare 2026' }).waitFor();
    await journey.axe('program instances');
    await journey.screenshot('21-program-instances');
  });

  it('edits the settings; the adapter’s secrets are shown as set, never read back, and replaced through their own field', async () => {
    const { page, stack } = journey;
    await stack.ok('PATCH', `/programInstances/${instanceId}`, {
      adapter: { adapterId: 'kraken', config: { apiBaseUrl: 'http://127.0.0.1:9/graphql', apiKey: KRAKEN_API_KEY, webhookSecret: KRAKEN_WEBHOOK_SECRET } },
    });
    await journey.open(`/program-instances/${instanceId}`, 'Program instance: Community Powershare 2026');
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByLabel('Notice period (days)').fill('45');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByRole('status').getByText('Saved.').waitFor();
    expect((await stack.ok('GET', `/programInstances/${instanceId}`)).noticePeriodDays).to.equal(45);

    const adapter = page.getByRole('region', { name: 'Adapter configuration' });
    expect(await adapter.getByLabel('Adapter id').inputValue()).to.equal('kraken');
    expect(await adapter.getByLabel('Replace apiKey (leave empty to keep)').inputValue()).to.equal('');
    const html = await page.content();
    expect(html, 'no secret reaches the page').to.not.include(KRAKEN_API_KEY).and.not.include(KRAKEN_WEBHOOK_SECRET);
    await adapter.getByLabel('Replace apiKey (leave empty to keep)').fill('sk_live_replaced_key');
    const patch = page.waitForRequest((request) => request.method() === 'PATCH' && request.url().endsWith(`/programInstances/${instanceId}`));
    await adapter.getByRole('button', { name: 'Save' }).click();
    const sent = (await patch).postDataJSON();
    expect(sent.adapter.config).to.deep.equal({ apiBaseUrl: 'http://127.0.0.1:9/graphql', apiKey: 'sk_live_replaced_key', webhookSecret: '********' });
    await adapter.getByRole('status').getByText('Saved.').waitFor();
    expect((await stack.ok('GET', `/programInstances/${instanceId}`)).adapter.config).to.deep.include({ apiKey: '********', webhookSecret: '********' });
    expect(await adapter.getByLabel('Replace apiKey (leave empty to keep)').inputValue(), 'the replaced value leaves the field').to.equal('');
    await journey.axe('a program instance');
  });

  it('checks the rules as they are typed, dry-runs them against the last candidates, and saves a new version', async () => {
    const { page, stack } = journey;
    await stack.ok('PATCH', `/programInstances/${instanceId}`, { eligibilityRules: SCREENING_RULES });
    await importCandidates(stack, instanceId);
    await journey.open(`/program-instances/${instanceId}`, 'Program instance: Community Powershare 2026');
    const rules = page.getByRole('region', { name: 'Eligibility rules' });
    await rules.getByText('In force: version 1.').waitFor();
    const editor = rules.getByLabel('Eligibility rules (JSON)');
    await rules.getByText('The rules are valid.').waitFor();

    await editor.fill('{ "allowedManufacturers": [');
    await rules.getByText(/^Not JSON:/).waitFor();
    await editor.fill(JSON.stringify({ ...SCREENING_RULES, allowedManufacturers: ['Not A Slug'] }));
    await rules.getByText('The rules are not valid:').waitFor();
    const refusal = await rules.getByRole('alert').textContent();
    expect(refusal, 'the server’s error path').to.include('/eligibilityRules/allowedManufacturers/0');
    expect(await rules.getByRole('button', { name: 'Save as a new version' }).isDisabled()).to.equal(true);

    const wider = { ...SCREENING_RULES, allowedManufacturers: ['tesla', 'enphase', 'sonnen'], serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100', '101', '102', '070'] } };
    await editor.fill(JSON.stringify(wider, null, 2));
    await rules.getByText('The rules are valid.').waitFor();
    await rules.getByRole('button', { name: 'Dry run against the last 100 candidates' }).click();
    const table = rules.getByRole('table', { name: 'Dry run: what screening under these rules would say' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).to.be.greaterThan(0);
    await journey.axe('rules editor with a dry run');
    await journey.screenshot('22-program-instance-rules');
    await rules.getByRole('button', { name: 'Save as a new version' }).click();
    await rules.getByRole('status').getByText('Saved as version 2.').waitFor();
    const saved = await stack.ok('GET', `/programInstances/${instanceId}`);
    expect(saved.eligibilityRulesVersion).to.equal(2);
    expect(saved.eligibilityRules.allowedManufacturers).to.deep.equal(['tesla', 'enphase', 'sonnen']);
    expect(await journey.requests.operationsUsed()).to.include.members(['POST /programInstances/{instanceId}/eligibility-rules/dry-run', 'PATCH /programInstances/{instanceId}']);
    await journey.fitsWidth(360, 'a program instance');
  });
}));
