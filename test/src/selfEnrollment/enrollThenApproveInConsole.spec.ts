import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { saveScreenshot, scanWithAxe } from '../support/browser.js';
import { describeOnEachStore } from '../support/stores.js';
import { ScreenJourney } from '../console/support/ScreenJourney.js';
import { DETAILS, PAGE } from './pageFixtures.js';

const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };
/** `flexroll serve` refuses a form submitted within 3 s of opening it, and has no setting for that: the customer waits. */
const MIN_SUBMIT_MS = 3_000;

/**
 * Issue 22's first journey across the real parts: customers enroll through the hosted page of a real `flexroll serve`
 * in two locales (English at a phone's width, German on a desktop), an administrator signed in to the console approves
 * each, and each customer's status page then says so in the customer's language.
 */
describeOnEachStore('A self-enrollment approved in the console (issue 22)', (store) => {
  let journey: ScreenJourney;
  let instanceId: string;
  let slug: string;
  before(async function () {
    this.timeout(180_000);
    journey = await ScreenJourney.start(store, { settings: { FLEXROLL_ENROLL_PAGE_PER_ADDRESS_PER_MINUTE: '10000' } });
    ({ instanceId } = await journey.stack.programInstance());
    slug = `powershare-${store.name}-${Date.now().toString(36)}`;
    // No serial number asked: the enrollment goes candidate → eligible → submitted, where an administrator reviews it
    // (with a device, the status follows the participation and the operator's step comes first).
    await journey.stack.ok('PUT', `/programInstances/${instanceId}/enrollment-page`, { ...PAGE, slug, locales: ['en', 'de'], fields: { ...PAGE.fields, serialNumber: 'off' } });
  });
  after(async () => journey?.stop());

  async function axe(page: Page, step: string): Promise<void> {
    expect(await scanWithAxe(page), `axe on ${step}`).to.deep.equal([]);
  }

  /** Fills the form as a customer, in `lang`, and answers the status link the confirmation gives. */
  async function enroll(page: Page, lang: string, email: string): Promise<string> {
    await page.goto(`${journey.stack.base}/enroll/${slug}?lang=${lang}`);
    // Taken once the form has arrived, so never before the server stamped it: under load the request itself can take
    // a while, and a wait counted from before it could submit inside the server's 3 s.
    const openedAt = Date.now();
    expect(await page.getAttribute('html', 'lang')).to.equal(lang);
    await axe(page, `${lang}: details`);
    for (const [id, value] of Object.entries({ ...DETAILS, email })) if (value !== '') await page.fill(`#${id}`, value);
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    await axe(page, `${lang}: device`);
    await page.focus('#manufacturer');
    await page.keyboard.type('tesla');
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    await page.check('#consent');
    await axe(page, `${lang}: consent`);
    await page.waitForTimeout(Math.max(0, openedAt + MIN_SUBMIT_MS + 200 - Date.now()));
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    const link = await page.getAttribute('a.link', 'href');
    expect(link).to.match(new RegExp(`/status/[A-Za-z0-9_-]{43}\\?lang=${lang}$`));
    await axe(page, `${lang}: confirmation`);
    return link!;
  }

  /** The administrator, in the console: the enrollment opened from the submitted queue and approved. */
  async function approveInConsole(email: string): Promise<void> {
    const listed = await journey.stack.ok('GET', `/programInstances/${instanceId}/enrollments?status=submitted`);
    const enrollment = (listed.data as Array<{ id: string; email: string; firstName: string; lastName: string }>).find((each) => each.email === email);
    expect(enrollment, `${email} is in the submitted queue`).to.not.equal(undefined);
    const admin = journey.page;
    await admin.goto(`${journey.stack.base}/console/enrollments?instance=${instanceId}&status=submitted`);
    await admin.getByRole('heading', { level: 1, name: 'Enrollments' }).waitFor();
    await admin.goto(`${journey.stack.base}/console/enrollments/${enrollment!.id}`);
    await admin.getByRole('heading', { level: 1, name: `Enrollment: ${enrollment!.firstName} ${enrollment!.lastName}` }).waitFor();
    const actions = admin.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Approve' }).click();
    await actions.getByRole('status').getByText('Done: the enrollment is now Approved.').waitFor();
    const events = await journey.stack.ok('GET', `/events?enrollmentId=${enrollment!.id}&type=enrollment.status_changed`);
    const last = events.data[events.data.length - 1];
    expect(last.data).to.deep.include({ from: 'submitted', to: 'approved' });
    expect(last.actor.type, 'the approval is the member\'s').to.equal('member');
  }

  for (const { lang, viewport, size, submitted, approved } of [
    { lang: 'en', viewport: PHONE, size: 'phone', submitted: 'Submitted: the programme administrator is reviewing your enrollment.', approved: 'Approved: you are in the programme.' },
    { lang: 'de', viewport: DESKTOP, size: 'desktop', submitted: 'Eingereicht: Die Programmverwaltung prüft Ihre Anmeldung.', approved: 'Genehmigt: Sie nehmen am Programm teil.' },
  ]) {
    it(`enrolls in ${lang} at a ${size}'s width; approved in the console, the status page says so in ${lang}`, async function () {
      this.timeout(120_000);
      const context = await journey.browser.newContext({ viewport });
      try {
        const page = await context.newPage();
        const email = `sanne.${lang}@example.nl`; // each store runs on a workspace of its own
        const link = await enroll(page, lang, email);
        await page.goto(link);
        expect(await page.textContent('main')).to.include(submitted);
        await axe(page, `${lang}: status, submitted`);

        await approveInConsole(email);

        await page.reload();
        expect(await page.getAttribute('html', 'lang')).to.equal(lang);
        expect(await page.textContent('main')).to.include(approved);
        await axe(page, `${lang}: status, approved`);
        if (store.name === 'embedded') await saveScreenshot(page, `enroll-${size}-${lang}-approved-in-console`);
      } finally {
        await context.close();
      }
    });
  }

  afterEach(async () => journey.check());
});
