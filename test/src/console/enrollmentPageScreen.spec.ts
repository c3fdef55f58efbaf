import { expect } from 'chai';
import { describeOnEachStore } from '../support/stores.js';
import { screenSettled } from './support/screenSettled.js';
import { ScreenJourney } from './support/ScreenJourney.js';

/** The pages' guard against scripted floods refuses a submission sooner than this after the form was opened (DEFAULT_PAGE_LIMITS). */
const MIN_SUBMIT_MS = 3_000;

// The console's Enrollment page screen (issue 22, "switched on and configured through the API and the console") in
// chromium against `flexroll serve` on both stores: an admin sets up and switches on a program instance's customer
// page, the server's refusals land beside their inputs, the public page /enroll/{slug} then shows the configured name,
// and a customer who enrolls there has their consent record shown on the console's Enrollment screen.
describeOnEachStore('the console: Enrollment page', (store) => describe('switch on, configure, errors beside fields, public page, consent records', function () {
  this.timeout(120_000);
  let journey: ScreenJourney;
  let instanceId: string;
  const slug = `powershare-${store.name}-${Date.now().toString(36)}`;

  before(async function () {
    this.timeout(180_000);
    journey = await ScreenJourney.start(store);
    ({ instanceId } = await journey.stack.programInstance('Community Powershare 2026'));
  });
  after(async () => journey?.stop());
  afterEach(async () => journey.check());

  it('sets the page up from the program instance, shows each server refusal beside its input, then switches it on', async () => {
    const { page, stack } = journey;
    await journey.open(`/program-instances/${instanceId}`, 'Program instance: Community Powershare 2026');
    await page.getByRole('link', { name: 'Customer enrollment page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enrollment page: Community Powershare 2026' }).waitFor();
    await page.getByText('This program instance has no enrollment page yet.', { exact: false }).waitFor();
    const form = page.getByRole('region', { name: 'Page settings' });

    await form.getByLabel('Slug (the address /enroll/…)').fill('Not A Slug');
    await form.getByLabel('Name shown to customers').fill('Powershare at Home');
    await form.getByLabel('Accent colour (#rrggbb, optional)').fill('green');
    await form.getByLabel('Terms version').fill('2026-01');
    await form.getByLabel('Terms text').fill('You allow the programme to control your battery during programme events.');
    await form.getByLabel('Locales offered (comma-separated, e.g. en, nl, de)').fill('en, nl, fr');
    await form.getByRole('button', { name: 'Save the page' }).click();
    const slugInput = form.getByLabel('Slug (the address /enroll/…)');
    await form.locator('#ep-slug-error').waitFor();
    expect(await slugInput.getAttribute('aria-invalid')).to.equal('true');
    expect(await slugInput.getAttribute('aria-describedby')).to.include('ep-slug-error');
    expect(await form.locator('#ep-slug-error').textContent()).to.include('/slug');
    expect(await form.locator('#ep-accentColour-error').textContent()).to.include('/accentColour');
    await journey.axe('enrollment page with errors');
    await journey.screenshot('27-enrollment-page-errors');

    await slugInput.fill(slug);
    await form.getByLabel('Accent colour (#rrggbb, optional)').fill('#0b6e4f');
    await form.getByRole('button', { name: 'Save the page' }).click();
    await form.locator('#ep-locales-error').waitFor();
    expect(await form.locator('#ep-locales-error').textContent(), 'the locale without a catalogue, by its path').to.include('/locales/2');
    expect(await form.locator('#ep-slug-error').count()).to.equal(0);

    await form.getByLabel('Locales offered (comma-separated, e.g. en, nl, de)').fill('en, nl');
    await form.getByLabel('Serial number').selectOption('optional');
    await form.getByLabel('Support e-mail (optional)').fill('support@leap.example');
    await form.getByLabel('Message overrides (JSON, by locale and message id)').fill('{"en": {"step.details": "Tell us about you"}}');
    await form.getByLabel('Page is on (customers can enroll)').check();
    await form.getByRole('button', { name: 'Save the page' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    const saved = await stack.ok('GET', `/programInstances/${instanceId}/enrollment-page`);
    expect(saved).to.deep.include({ enabled: true, slug, name: 'Powershare at Home', accentColour: '#0b6e4f', locales: ['en', 'nl'], defaultLocale: 'en', supportEmail: 'support@leap.example', leadCapture: false });
    expect(saved.fields).to.deep.equal({ serialNumber: 'optional' });
    expect(saved.messages).to.deep.equal({ en: { 'step.details': 'Tell us about you' } });
    expect(await form.getByLabel('Serial number').inputValue(), 'the form shows what was saved').to.equal('optional');
    expect(await form.getByLabel('Page is on (customers can enroll)').isChecked()).to.equal(true);
    const link = page.getByRole('link', { name: `Open /enroll/${slug} (the customer’s page)` });
    expect(await link.getAttribute('href')).to.equal(`/enroll/${slug}`);
    expect(await journey.requests.operationsUsed()).to.include.members(['GET /programInstances/{instanceId}/enrollment-page', 'PUT /programInstances/{instanceId}/enrollment-page']);
    await journey.axe('enrollment page');
    await journey.screenshot('28-enrollment-page');
    await journey.fitsWidth(360, 'enrollment page');
  });

  it('the public page shows the configured name; the customer’s consent record shows on the Enrollment screen', async () => {
    const { page, stack } = journey;
    const customer = await journey.browser.newPage();
    try {
      await customer.goto(`${stack.base}/enroll/${slug}?lang=en`);
      expect(await customer.textContent('body')).to.include('Powershare at Home').and.include('Tell us about you');
      const opened = Date.now();
      await customer.fill('#firstName', 'Sanne');
      await customer.fill('#lastName', 'de Vries');
      await customer.fill('#email', 'sanne.devries@example.nl');
      await Promise.all([customer.waitForNavigation(), customer.click('button.primary')]);
      await customer.fill('#serialNumber', `TSLA-PW-${store.name}`).catch(() => undefined);
      if (await customer.locator('#serialNumber').count() > 0) await Promise.all([customer.waitForNavigation(), customer.click('button.primary')]);
      await customer.check('#consent');
      // The page refuses a submission made sooner than a person could (a guard against scripted floods): wait it out.
      await customer.waitForTimeout(Math.max(0, MIN_SUBMIT_MS + 200 - (Date.now() - opened)));
      await Promise.all([customer.waitForNavigation(), customer.click('button.primary')]);
      await customer.waitForSelector('a.link');
    } finally {
      await customer.close();
    }
    const enrollment = (await stack.ok('GET', `/programInstances/${instanceId}/enrollments`)).data[0];
    await journey.open(`/enrollments/${enrollment.id}`, 'Enrollment: Sanne de Vries');
    const consents = page.getByRole('table', { name: 'Consents the customer gave on the enrollment page' });
    await consents.waitFor();
    // The timeline, event log and deliveries answer after the heading: axe, the screenshot and the width see them too.
    await screenSettled(page);
    const row = await consents.locator('tbody tr').first().textContent();
    expect(row).to.include('2026-01').and.include('en');
    await journey.axe('enrollment with consent records');
    await consents.scrollIntoViewIfNeeded();
    await journey.screenshot('29-enrollment-consents');
    await journey.fitsWidth(360, 'enrollment with consent records');
  });
}));
