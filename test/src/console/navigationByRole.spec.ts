import { expect } from 'chai';
import { describeOnEachStore } from '../support/stores.js';
import { ScreenJourney } from './support/ScreenJourney.js';

// The main navigation (issue 21): a member sees links only to the screens its role's permissions let it use.
describeOnEachStore('the console: navigation by role', (store) => describe('a viewer', function () {
  this.timeout(120_000);
  let journey: ScreenJourney;

  before(async function () {
    this.timeout(180_000);
    journey = await ScreenJourney.start(store, { role: 'viewer' });
    await journey.stack.programInstance();
  });
  after(async () => journey?.stop());
  afterEach(async () => journey.check());

  it('hides the links to Imports, Webhooks, Operators and Access, and keeps the screens it reads', async () => {
    const { page } = journey;
    await journey.open('/', 'Home');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = (await nav.getByRole('link').allTextContents()).map((text) => text.trim());
    expect(links).to.include.members(['Home', 'Enrollments', 'Program instances']);
    for (const hidden of ['Imports', 'Webhooks', 'Operators', 'Access']) expect(links, hidden).to.not.include(hidden);
    // The program instances it reads show no write parts.
    await journey.open('/program-instances', 'Program instances');
    expect(await page.getByRole('button', { name: /create|new/i }).count(), 'no creation for a viewer').to.equal(0);
    await journey.screenshot('navigation-viewer');
  });
}));
