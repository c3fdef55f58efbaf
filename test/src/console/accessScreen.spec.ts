import { expect } from 'chai';
import { describeOnEachStore } from '../support/stores.js';
import { ScreenJourney } from './support/ScreenJourney.js';
import { signIn } from './signIn.js';

// The Access screen (issue 21, §8) in chromium against `flexroll serve` on both stores: API keys (create a scoped key
// whose secret is shown once, see when it was last used, revoke it) and members (invite with the one-time link,
// change a role, remove), gated on the member's permissions.
describeOnEachStore('the console: Access', (store) => describe('API keys and members', function () {
  this.timeout(120_000);
  let journey: ScreenJourney;
  let instanceId: string;

  before(async function () {
    this.timeout(180_000);
    journey = await ScreenJourney.start(store);
    ({ instanceId } = await journey.stack.programInstance());
  });
  after(async () => journey?.stop());
  afterEach(async () => journey.check());

  it('invites a member limited to a program instance picked in the form', async () => {
    const { page, stack } = journey;
    await journey.open('/access', 'Access');
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByLabel('E-mail address').fill('pia.partner@example.com');
    await members.getByRole('group', { name: 'Program instances' }).getByRole('checkbox').first().check();
    await members.getByRole('button', { name: 'Invite' }).click();
    const row = members.getByRole('table', { name: 'Members of this workspace' }).getByRole('row').filter({ hasText: 'pia.partner@example.com' });
    await row.getByText('limited to 1 program instance(s)').waitFor();
    const listed = (await stack.ok('GET', '/members')).data.find((member: { email: string }) => member.email === 'pia.partner@example.com');
    expect(listed.programInstanceIds).to.deep.equal([instanceId]);
  });

  it('creates a scoped key, shows its secret once, shows when it was last used, and revokes it', async () => {
    const { page, stack } = journey;
    await journey.open('/access', 'Access');
    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByLabel('Name').fill('Reporting');
    await keys.getByRole('checkbox', { name: 'enrollments:read' }).check();
    await keys.getByRole('button', { name: 'Create key' }).click();
    const secretField = keys.getByLabel('The new key’s secret');
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    const table = keys.getByRole('table', { name: 'API keys of this workspace' });
    const row = table.getByRole('row').filter({ hasText: 'Reporting' });
    await row.getByRole('cell', { name: 'enrollments:read' }).waitFor();
    expect(await row.getByRole('cell', { name: 'Never' }).count()).to.equal(1);

    // The key works for what it holds and nothing else; then it shows as used.
    expect((await stack.api('GET', `/programInstances/${instanceId}/enrollments`, undefined, secret)).status).to.equal(200);
    expect((await stack.api('GET', '/webhook-endpoints', undefined, secret)).status).to.equal(403);
    await page.reload();
    await row.waitFor();
    expect(await row.getByRole('cell', { name: 'Never' }).count()).to.equal(0);
    expect(await page.content(), 'the secret is shown once').to.not.include(secret);
    await journey.axe('access');

    await row.getByRole('button', { name: 'Revoke Reporting' }).click();
    await row.getByRole('cell', { name: 'Revoked' }).waitFor();
    expect((await stack.api('GET', `/programInstances/${instanceId}/enrollments`, undefined, secret)).status).to.equal(401);
  });

  it('invites a member with a one-time link, changes the role, and removes the member', async () => {
    const { page, stack } = journey;
    await journey.open('/access', 'Access');
    const members = page.getByRole('region', { name: 'Members' });
    await members.getByLabel('E-mail address').fill('vera.viewer@example.com');
    await members.getByLabel('Role', { exact: true }).selectOption('viewer');
    await members.getByRole('button', { name: 'Invite' }).click();
    const link = await members.getByLabel('One-time invitation link').inputValue();
    expect(link).to.match(/\/console\/accept-invitation#token=/);
    await journey.screenshot('26-access');
    const row = members.getByRole('table', { name: 'Members of this workspace' }).getByRole('row').filter({ hasText: 'vera.viewer@example.com' });
    await row.getByRole('cell', { name: 'invited' }).waitFor();

    // The invited member accepts and signs in (another browser context): a viewer sees Access but may change nothing.
    const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
    expect((await fetch(`${stack.base}/member-invitations/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: 'correct horse battery staple' }) })).status).to.equal(200);
    const viewerContext = await journey.browser.newContext();
    const viewerPage = await viewerContext.newPage();
    await signIn(viewerPage, stack.base, { email: 'vera.viewer@example.com', password: 'correct horse battery staple' });
    await viewerPage.goto(`${stack.base}/console/access`);
    await viewerPage.getByText('Your role may not change this (it needs members:manage).').waitFor();
    expect(await viewerPage.getByRole('region', { name: 'Members' }).count()).to.equal(0);
    await viewerPage.goto(`${stack.base}/console/webhooks`);
    await viewerPage.getByText('Your role may not change this (it needs webhooks:manage).').waitFor();
    await viewerContext.close();

    await row.getByLabel('Role of vera.viewer@example.com').selectOption('reviewer');
    await members.getByRole('status').getByText('vera.viewer@example.com is now reviewer.').waitFor();
    const listed = (await stack.ok('GET', '/members')).data.find((member: { email: string }) => member.email === 'vera.viewer@example.com');
    expect(listed.role).to.equal('reviewer');

    await row.getByRole('button', { name: 'Remove vera.viewer@example.com' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await stack.ok('GET', '/members')).data.map((member: { email: string }) => member.email)).to.not.include('vera.viewer@example.com');
    expect(await journey.requests.operationsUsed()).to.include.members(['POST /api-keys', 'DELETE /api-keys/{keyId}', 'POST /members', 'PATCH /members/{memberId}', 'DELETE /members/{memberId}']);
    await journey.fitsWidth(360, 'access');
  });
}));
