import { expect } from 'chai';
import { saveScreenshot, scanWithAxe } from '../support/browser.js';
import { describeOnEachStore } from '../support/stores.js';
import { ScreenJourney } from './support/ScreenJourney.js';
import { signIn } from './signIn.js';

// The Access screen (issue 21, §8) in chromium against `flexroll serve` on both stores: API keys (create a scoped key
// whose secret is shown once, see when it was last used, revoke it) and members (invite with the one-time link,
// change a role and the program instances, remove), gated on the member's permissions.
describeOnEachStore('the console: Access', (store) => describe('API keys and members', function () {
  this.timeout(120_000);
  let journey: ScreenJourney;
  let instanceId: string;
  let otherInstanceId: string;

  before(async function () {
    this.timeout(180_000);
    journey = await ScreenJourney.start(store);
    const first = await journey.stack.programInstance();
    instanceId = first.instanceId;
    otherInstanceId = (await journey.stack.ok('POST', '/programInstances', { programId: first.programId, name: 'Community Powershare 2026' })).id;
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

  it('changes a member’s program instances by keyboard, and shows a refusal beside the boxes', async () => {
    const { page, stack } = journey;
    const scopeOf = async (id: string) => (await stack.ok('GET', '/members')).data.find((member: { id: string }) => member.id === id).programInstanceIds;
    const { memberId } = await stack.invite('ivo.installer@example.com', 'reviewer');
    await stack.ok('PATCH', `/members/${memberId}`, { programInstanceIds: [instanceId] });
    await journey.open('/access', 'Access');
    const members = page.getByRole('region', { name: 'Members' });
    const row = members.getByRole('table', { name: 'Members of this workspace' }).getByRole('row').filter({ hasText: 'ivo.installer@example.com' });

    // Enter opens the disclosure; Tab walks the boxes in order (the first is ticked), Space ticks the second, Enter saves.
    await row.locator('summary').focus();
    await page.keyboard.press('Enter');
    const boxes = row.getByRole('group', { name: 'Program instances of ivo.installer@example.com' });
    expect(await boxes.getByRole('checkbox', { name: 'Community Powershare 2025' }).isChecked()).to.equal(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await boxes.getByRole('checkbox', { name: 'Community Powershare 2026' }).isChecked()).to.equal(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await members.getByRole('status').getByText('ivo.installer@example.com is now limited to 2 program instance(s).').waitFor();
    expect((await scopeOf(memberId))).to.have.members([instanceId, otherInstanceId]);
    await row.locator('summary').getByText('limited to 2 program instance(s)').waitFor();
    expect(await row.locator('summary').evaluate((summary) => summary === summary.ownerDocument.activeElement), 'saved, the keyboard is back on the summary').to.equal(true);

    // None ticked: the whole workspace again.
    await row.locator('summary').click();
    await boxes.getByRole('checkbox', { name: 'Community Powershare 2025' }).uncheck();
    await boxes.getByRole('checkbox', { name: 'Community Powershare 2026' }).uncheck();
    await row.getByRole('button', { name: 'Save program instances' }).click();
    await members.getByRole('status').getByText('ivo.installer@example.com now reaches the whole workspace.').waitFor();
    expect((await scopeOf(memberId))).to.equal(undefined);

    // An admin limited to the first instance may not widen its helper to the whole workspace: the API's refusal,
    // naming the field, is shown beside the boxes and described by them.
    const helper = await stack.invite('hana.helper@example.com', 'viewer');
    await stack.ok('PATCH', `/members/${helper.memberId}`, { programInstanceIds: [instanceId] });
    const partner = await stack.invite('pat.partner-admin@example.com', 'admin');
    await stack.ok('PATCH', `/members/${partner.memberId}`, { programInstanceIds: [instanceId] });
    expect((await fetch(`${stack.base}/member-invitations/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: partner.token, password: 'correct horse battery staple' }) })).status).to.equal(200);
    const partnerContext = await journey.browser.newContext();
    try {
      const partnerPage = await partnerContext.newPage();
      await signIn(partnerPage, stack.base, { email: 'pat.partner-admin@example.com', password: 'correct horse battery staple' });
      await partnerPage.goto(`${stack.base}/console/access`);
      const helperRow = partnerPage.getByRole('region', { name: 'Members' }).getByRole('row').filter({ hasText: 'hana.helper@example.com' });
      await helperRow.locator('summary').click();
      const helperBoxes = helperRow.getByRole('group', { name: 'Program instances of hana.helper@example.com' });
      await helperBoxes.getByRole('checkbox', { name: 'Community Powershare 2025' }).waitFor();
      expect(await helperBoxes.getByRole('checkbox').count(), 'only the instance it reaches').to.equal(1);
      await helperBoxes.getByRole('checkbox', { name: 'Community Powershare 2025' }).uncheck();
      await helperRow.getByRole('button', { name: 'Save program instances' }).click();
      const refusal = helperRow.getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.textContent()).to.contain('/programInstanceIds must name only program instances the caller reaches');
      const describedBy = (await helperBoxes.getAttribute('aria-describedby'))!.split(' ');
      expect(describedBy).to.include(await refusal.getAttribute('id'));
      expect(await scanWithAxe(partnerPage), 'axe on access with a refused change of program instances').to.deep.equal([]);
      if (store.name === 'embedded') await saveScreenshot(partnerPage, '26-access-member-instances');
    } finally {
      await partnerContext.close();
    }
    expect((await scopeOf(helper.memberId)), 'unchanged').to.deep.equal([instanceId]);
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
