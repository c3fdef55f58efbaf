import { expect } from 'chai';
import type { Response } from 'playwright-core';
import { describeOnEachStore } from '../support/stores.js';
import { ScreenJourney } from './support/ScreenJourney.js';
import { signIn } from './signIn.js';
import { importCandidates, SCREENING_RULES, submit } from './seedData.js';

// Optimistic concurrency in the console (issue 24): two people open the same enrollment; one approves; the other,
// still looking at the version before, rejects. The console sent If-Match, the API answered 412 and changed nothing,
// and the page says so in words, with a way to reload.
describeOnEachStore('the console: a change made by someone else', (store) => describe('two sessions on one enrollment', function () {
  this.timeout(120_000);
  let journey: ScreenJourney;

  before(async function () {
    this.timeout(180_000);
    journey = await ScreenJourney.start(store);
  });
  after(async () => journey?.stop());
  afterEach(async () => journey.check());

  it('refuses the stale rejection with 412, changes nothing, and shows “changed by someone else — reload”', async () => {
    const { page, stack } = journey;
    const { instanceId } = await stack.programInstance();
    // Seed 004's way to a submitted enrollment: screened by the rules on import, then submitted.
    await stack.ok('PATCH', `/programInstances/${instanceId}`, { eligibilityRules: SCREENING_RULES });
    await importCandidates(stack, instanceId);
    const created = await submit(stack, instanceId, 'CP-2025-0001');
    const read = (await stack.api('GET', `/enrollments/${created.id}`)).headers.get('etag');
    const reviewer = await stack.activeMember('rita.reviewer@example.com', 'reviewer');
    const otherContext = await journey.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await otherContext.newPage();
    try {
      await signIn(other, stack.base, reviewer);
      const heading = { level: 1 as const, name: /^Enrollment: / };
      await journey.open(`/enrollments/${created.id}`, heading.name);
      await other.goto(`${stack.base}/console/enrollments/${created.id}`);
      await other.getByRole('heading', heading).waitFor();

      // The reviewer approves first.
      await other.getByRole('button', { name: 'Approve' }).click();
      await other.getByRole('status').getByText('Done: the enrollment is now Approved.').waitFor();
      const approved = await stack.api('GET', `/enrollments/${created.id}`);

      // The admin, on the version before the approval, rejects.
      await page.getByRole('button', { name: 'Reject' }).click();
      const dialog = page.getByRole('dialog', { name: /^Reject/ });
      await dialog.getByLabel('Reason for rejecting').fill('Failed verification');
      const answered = page.waitForResponse((response: Response) => response.request().method() === 'PATCH' && response.url().endsWith(`/enrollments/${created.id}`));
      await dialog.getByRole('button', { name: 'Reject' }).click();
      const response = await answered;
      expect(response.request().headers()['if-match'], 'the console sent the ETag of the version it read').to.equal(read).and.to.match(/^"\d+"$/);
      const refused = await response.json();
      expect([response.status(), refused.error.code], JSON.stringify(refused)).to.deep.equal([412, 'precondition_failed']);
      await page.getByText('This was changed by someone else — reload to see the current version.').waitFor();
      await journey.screenshot('enrollment-changed-elsewhere');

      const after = (await stack.api('GET', `/enrollments/${created.id}`)).body;
      expect([after.eligibilityStatus, after.updatedAt], 'the stale rejection changed nothing').to.deep.equal(['approved', approved.body.updatedAt]);
      expect(response.headers().etag, 'the 412 gives the current version').to.equal(approved.headers.get('etag'));
    } finally {
      await otherContext.close();
    }
  });
}));
