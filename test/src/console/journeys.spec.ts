import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot, scanWithAxe } from '../support/browser.js';
import { describeOnEachStore } from '../support/stores.js';
import { type ReceivedRequest, WebhookReceiver } from '../support/WebhookReceiver.js';
import { ConsoleRequests } from './ConsoleRequests.js';
import { ConsoleStack } from './ConsoleStack.js';
import { byReference, importCandidates, SCREENING_RULES, submit } from './seedData.js';
import { signIn } from './signIn.js';
import { screenSettled } from './support/screenSettled.js';

// One journey per screen of the console (issue 21), each in a real chromium against a real `flexroll serve`, on both
// stores; then seed 004's review end to end. Every screen is scanned with axe, every request the console makes must be
// an operation of /openapi.json, and the newcomer's screens are captured for docs/console.md (from the embedded run).
describeOnEachStore('the console in a browser', (store) => describe('one journey per screen', function () {
  this.timeout(120_000);
  let stack: ConsoleStack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: ConsoleRequests;
  let receiver: WebhookReceiver;
  let instanceId: string;
  // Seed 004's programme administrator: an admin member (reviewers see the same screens without webhooks).
  const reviewer = { email: 'rita.reviewer@example.com', password: 'correct horse battery staple' };
  const screenshot = async (name: string) => {
    if (store.name === 'embedded') await saveScreenshot(page, name);
  };
  const axe = async (screen: string) => {
    const violations = await scanWithAxe(page);
    expect(violations, `axe on ${screen}: ${JSON.stringify(violations, null, 2)}`).to.deep.equal([]);
  };
  const cspViolations: string[] = [];

  before(async function () {
    this.timeout(180_000);
    receiver = await WebhookReceiver.start();
    stack = await ConsoleStack.start(store, { FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' });
    await stack.ok('POST', '/webhook-endpoints', { url: receiver.url, eventTypes: ['enrollment.status_changed'] });
    ({ instanceId } = await stack.programInstance());
    await stack.ok('PATCH', `/programInstances/${instanceId}`, { eligibilityRules: SCREENING_RULES });
    await importCandidates(stack, instanceId);
    for (const reference of ['CP-2025-0001', 'CP-2025-0002', 'CP-2025-0006']) await submit(stack, instanceId, reference);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('dialog', (dialog) => void dialog.accept());
    requests = new ConsoleRequests(page, stack.base);
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await receiver?.down?.();
  });
  afterEach(async function () {
    // A failed journey leaves what the page showed, for whoever reads the failure.
    if (this.currentTest?.state === 'failed') {
      await page.screenshot({ path: `test/build/console-failure-${store.name}-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => undefined);
      console.log(`      the page said: ${(await page.locator('main').innerText().catch(() => '')).slice(0, 1500)}`);
    }
    expect(await requests.undocumented(), 'every request the console made is an operation of /openapi.json').to.deep.equal([]);
    expect(cspViolations, 'the page broke no rule of its content policy').to.deep.equal([]);
  });

  it('accept-invitation: a new member sets a password from the link in the invitation, then signs in', async () => {
    const { token } = await stack.invite(reviewer.email, 'admin');
    await page.goto(`${stack.base}/console/accept-invitation#token=${token}`);
    await page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    expect(new URL(page.url()).hash, 'the token leaves the address bar').to.equal('');
    await axe('accept-invitation');
    await screenshot('01-accept-invitation');
    await page.getByLabel('New password').fill(reviewer.password);
    await page.getByLabel('Repeat the password').fill(reviewer.password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Your password is set').waitFor();
    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  it('sign-in: a wrong password is refused in words, the right one opens Home, sign-out ends the session', async () => {
    await page.goto(`${stack.base}/console/enrollments`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next'), 'comes back where it was going').to.equal('/enrollments');
    await axe('sign-in');
    await screenshot('02-sign-in');
    await page.getByLabel('E-mail address').fill(reviewer.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('do not match a member').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(reviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enrollments' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect((await context.request.get(`${stack.base}/sessions/current`)).status(), 'the browser holds no session now').to.equal(401);
    await signIn(page, stack.base, reviewer);
  });

  it('Home: counts per status, drop-off between steps, deadlines by who they wait on, webhook health', async () => {
    await page.goto(`${stack.base}/console/`);
    const card = page.getByRole('region', { name: 'Community Powershare 2025' });
    const statusTable = card.getByRole('table', { name: 'Enrollments by status' });
    await statusTable.waitFor();
    const count = async (status: string) => (await statusTable.getByRole('row', { name: new RegExp(`^${status}`) }).getByRole('cell').textContent())?.trim();
    expect(await count('Submitted')).to.equal('3');
    expect(await count('Ineligible')).to.equal('3');
    await card.getByRole('table', { name: 'Drop-off between steps' }).waitFor();
    await card.getByRole('table', { name: 'Deadlines by who they wait on' }).waitFor();
    await card.getByRole('table', { name: 'Onboarding steps (seed 000)' }).waitFor();
    const states = card.getByRole('table', { name: 'Participations by state' });
    expect((await states.getByRole('row', { name: /^ENROLMENT_REQUESTED/ }).getByRole('cell').textContent())?.trim(), 'CP-2025-0008 names a device').to.equal('1');
    await card.getByText('1 endpoint(s)', { exact: true }).waitFor();
    expect(await requests.operationsUsed(), 'one summary per instance, not a list per count').to.include('GET /programInstances/{instanceId}/summary');
    await axe('home');
    await screenshot('03-home');
  });

  it('Enrollments: filters live in the URL, pages come from the server, a bulk action runs as a job with live progress', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Enrollments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enrollments' }).waitFor();
    await page.waitForURL(/instance=/);
    await page.getByRole('heading', { name: /enrollment\(s\)$/ }).waitFor();
    // A text search over name, e-mail and reference, kept in the URL like every filter.
    await page.getByLabel('Search name, e-mail or reference').fill('becker');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: '1 enrollment(s)' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).to.equal('becker');
    await page.getByLabel('Search name, e-mail or reference').fill('');
    await page.getByLabel('Status', { exact: true }).selectOption('ineligible');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: '3 enrollment(s)' }).waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('status')).to.equal('ineligible');
    expect(url.searchParams.get('instance')).to.equal(instanceId);
    // The URL is the view: opened afresh, it shows the same list.
    await page.goto(url.toString());
    await page.getByRole('heading', { name: '3 enrollment(s)' }).waitFor();
    const exportLink = page.getByRole('link', { name: 'Export CSV' });
    expect(await exportLink.getAttribute('href')).to.equal(`/programInstances/${instanceId}/enrollments/export.csv?status=ineligible`);
    await axe('enrollments');
    await screenshot('04-enrollments');

    // Screen the ineligible ones again under rules that now accept the whole of New Jersey's 070 and sonnen.
    await stack.ok('PATCH', `/programInstances/${instanceId}`, { eligibilityRules: { ...SCREENING_RULES, allowedManufacturers: ['tesla', 'enphase', 'sonnen'], serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100', '101', '102', '070'] } } });
    const bulk = page.getByRole('region', { name: 'Bulk action on every enrollment matching the filters' });
    await bulk.getByLabel('Action').selectOption('evaluate');
    await bulk.getByRole('button', { name: 'Start bulk action' }).click();
    await bulk.getByText('Job completed').waitFor({ timeout: 30_000 });
    expect(await bulk.getByRole('progressbar').getAttribute('value')).to.equal(await bulk.getByRole('progressbar').getAttribute('max'));
    expect(await requests.operationsUsed()).to.include.members(['POST /programInstances/{instanceId}/bulk-actions', 'GET /jobs/{jobId}']);
  });

  it('keyboard triage: j/k move through the list, a approves, r rejects with a reason, Enter opens, ? shows the shortcuts', async () => {
    await page.goto(`${stack.base}/console/enrollments?instance=${instanceId}&status=submitted`);
    await page.getByRole('heading', { name: '3 enrollment(s)' }).waitFor();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    await axe('shortcut help');
    await screenshot('05-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    const rows = page.getByRole('table', { name: 'Enrollments matching the filters' }).locator('tbody tr');
    const selectedName = async () => (await rows.and(page.locator('[aria-selected="true"]')).getByRole('rowheader').textContent())?.trim();
    const first = await selectedName();
    await page.keyboard.press('j');
    const second = await selectedName();
    expect(second).to.not.equal(first);
    await page.keyboard.press('k');
    expect(await selectedName()).to.equal(first);
    await page.keyboard.press('ArrowDown');
    expect(await selectedName()).to.equal(second);

    await page.keyboard.press('r');
    const dialog = page.getByRole('dialog', { name: /^Reject/ });
    await dialog.getByLabel('Reason for rejecting').fill('Failed verification');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('status').getByText(`${second}: Done: the enrollment is now Rejected.`).waitFor();
    await page.getByRole('heading', { name: '2 enrollment(s)' }).waitFor();

    // The list reloaded without the rejected row: move back to the first enrollment before approving it.
    for (let step = 0; step < 3 && (await selectedName()) !== first; step++) await page.keyboard.press('k');
    expect(await selectedName()).to.equal(first);
    await page.keyboard.press('a');
    await page.getByRole('status').getByText(`${first}: Done: the enrollment is now Approved.`).waitFor();
    await page.getByRole('heading', { name: '1 enrollment(s)' }).waitFor();

    const last = await selectedName();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Enrollment: ${last}` }).waitFor();
  });

  it('an Enrollment: fields, participation timeline with what the customer is told, event log, deliveries, actions as curl', async () => {
    // CP-2025-0008 names a device: its participation's timeline shows each step, its expected_at and seed 000's message.
    const withDevice = await byReference(stack, instanceId, 'CP-2025-0008');
    await page.goto(`${stack.base}/console/enrollments/${withDevice.id}`);
    const timeline = page.getByRole('region', { name: 'Participation timeline' });
    await timeline.getByText('We’ve received your request to join the programme.').waitFor();
    await timeline.getByText('ENROLMENT_REQUESTED').first().waitFor();
    await axe('enrollment with a participation');
    await screenshot('06-enrollment-timeline');

    // The one the triage approved.
    const approved = (await stack.ok('GET', `/programInstances/${instanceId}/enrollments?status=approved`)).data[0];
    await page.goto(`${stack.base}/console/enrollments/${approved.id}`);
    await page.getByRole('heading', { level: 1, name: `Enrollment: ${approved.firstName} ${approved.lastName}` }).waitFor();
    await page.getByRole('region', { name: 'Fields' }).getByText(approved.email).waitFor();
    await page.getByRole('region', { name: 'Event log' }).getByRole('rowheader', { name: 'enrollment.status_changed' }).first().waitFor();
    const actions = page.getByRole('region', { name: 'Actions' });
    expect(await actions.getByRole('button', { name: 'Approve' }).isDisabled()).to.equal(true);
    await actions.getByText('The API call this makes').nth(2).click();
    expect(await actions.locator('pre').nth(2).textContent()).to.include(`curl -X PATCH "$FLEXROLL_URL/enrollments/${approved.id}"`).and.include('"status":"unenrolled"');
    await axe('enrollment');
    await screenshot('07-enrollment-actions');

    await actions.getByRole('button', { name: 'Unenroll' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unenroll' });
    await dialog.getByLabel('Exit reason').fill('Moved away');
    await dialog.getByRole('button', { name: 'Unenroll' }).click();
    await actions.getByRole('status').getByText('Done: the enrollment is now Unenrolled.').waitFor();
    const after = await stack.ok('GET', `/enrollments/${approved.id}`);
    expect(after.eligibilityStatus).to.equal('unenrolled');
    const events = await stack.ok('GET', `/events?enrollmentId=${approved.id}&type=enrollment.status_changed`);
    const last = events.data.at(-1);
    expect(last.data).to.deep.include({ from: 'approved', to: 'unenrolled', reason: 'Moved away' });
    expect(last.actor.type, 'the write lands on the event log with the member as actor').to.equal('member');
  });

  it('seed 004’s review end to end: imported, screened, submitted, reviewed and approved in the console, then approved in the API and a webhook', async () => {
    // Imported and screened: CP-2025-0010 is eligible under the rules (the import screened it); the customer submits.
    const imported = await byReference(stack, instanceId, 'CP-2025-0010');
    expect(imported.eligibilityStatus).to.equal('eligible');
    await submit(stack, instanceId, 'CP-2025-0010');

    // Reviewed in the console: the submitted queue, searched by name, opened, approved.
    await page.goto(`${stack.base}/console/enrollments?instance=${instanceId}&status=submitted`);
    await page.getByRole('link', { name: new RegExp(`^${imported.firstName} ${imported.lastName}$`) }).click();
    await page.getByRole('heading', { level: 1, name: `Enrollment: ${imported.firstName} ${imported.lastName}` }).waitFor();
    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Approve' }).click();
    await actions.getByRole('status').getByText('Done: the enrollment is now Approved.').waitFor();

    // Approved through the API, and in a webhook.
    expect((await stack.ok('GET', `/enrollments/${imported.id}`)).eligibilityStatus).to.equal('approved');
    const approvedDelivery = (request: ReceivedRequest) => request.payload.enrollmentId === imported.id && request.payload.data?.to === 'approved';
    await receiver.until(() => receiver.received.some(approvedDelivery), 20_000, 'enrollment.status_changed to approved');
    const delivered = receiver.received.find(approvedDelivery);
    expect(delivered!.payload.type).to.equal('enrollment.status_changed');
    await page.reload();
    await page.getByRole('region', { name: 'Webhook deliveries' }).getByRole('rowheader', { name: 'enrollment.status_changed' }).first().waitFor();
  });

  it('works at 360 px wide: nothing scrolls sideways but tables, and axe still finds nothing serious', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      for (const [path, heading, shot] of [
        ['/', 'Home', '08-home-360'],
        [`/enrollments?instance=${instanceId}`, 'Enrollments', '09-enrollments-360'],
      ] as const) {
        await page.goto(`${stack.base}/console${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.getByRole('table').first().waitFor();
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow, `${path} scrolls sideways by ${overflow} px`).to.be.at.most(0);
        await axe(`${path} at 360 px`);
        await screenshot(shot);
      }
      const someone = await byReference(stack, instanceId, 'CP-2025-0002');
      await page.goto(`${stack.base}/console/enrollments/${someone.id}`);
      await page.getByRole('region', { name: 'Actions' }).waitFor();
      // The timeline, event log and deliveries are read after the enrollment: measured before they answer, the page
      // would be only its top half, and anything too wide among them would go unseen.
      await screenSettled(page);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).to.be.at.most(0);
      await axe('enrollment at 360 px');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('the skip link takes the keyboard past the navigation to the content', async () => {
    await page.goto(`${stack.base}/console/`);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((element) => element === (globalThis as any).document.activeElement)).to.equal(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement?.id')).to.equal('main');
  });
}));
