import { expect } from 'chai';
import type { CustomerMailer, CustomerMailMessage } from '../customerMail/index.js';
import type { CoreSettings } from '../platform/CoreSettings.js';
import type { CallContext } from '../platform/CallContext.js';
import { CORE_TOKENS, STORE_TOKENS } from '../platform/tokens.js';
import { EnrollmentPageService } from '../selfEnrollment/EnrollmentPageService.js';
import { CustomerMailTask } from '../selfEnrollment/CustomerMailTask.js';
import { suzieWithDevice } from '../seeds/seedExamples.js';
import { CoreHarness } from './CoreHarness.js';
import { withMethod } from './feedSpecs.js';
import type { StoreUnderTest } from './StoreUnderTest.js';
import { SPEC_SETTINGS } from './webhookDispatchSpecs.js';

const SETTINGS: Partial<CoreSettings> = { ...SPEC_SETTINGS, feedSettleMs: 0 };
/** Past the catch-up's period (`outboxCatchUpEveryMs`, 5 minutes): the next drain runs it. */
const PAST_CATCH_UP = 400_000;

/** A mailer that keeps what it is asked to send: who, what kind, which state. */
class KeptMail implements CustomerMailer {
  readonly sent: CustomerMailMessage[] = [];
  send(message: CustomerMailMessage): Promise<void> {
    this.sent.push(message);
    return Promise.resolve();
  }
  of(email: string): string[] {
    return this.sent.filter((message) => message.to === email).map((message) => (message.kind === 'status_link' ? `link (${message.locale})` : `${message.state} (${message.locale})`));
  }
}

/** A process of the platform with SMTP configured: its mails go to `mail`. */
function mailingHarness(store: StoreUnderTest, mail: KeptMail, clock?: CoreHarness['clock']): CoreHarness {
  const harness = new CoreHarness(store.module(), { settings: SETTINGS, adapters: store.adapters, ...(clock === undefined ? {} : { clock }) });
  harness.container.bind(CORE_TOKENS.customerMailer).toConstantValue(mail);
  return harness;
}

/** A worker's passes: the adapter outbox's (whose catch-up reads the `moves` channel for both outboxes), then the mail's. */
async function drainWorker(worker: CoreHarness): Promise<void> {
  await worker.outbox.drain();
  await worker.container.get(CustomerMailTask).drain();
}

/**
 * Nothing is lost (issue 22): a process that dies between a change's append and its customer mail's enqueue leaves
 * the mail owed; the catch-up finds it in the feed's `moves` channel and enqueues it, once, on every store. A kill
 * between the two steps is the enqueue never happening: the crashing process's mail port throws.
 */
export function customerMailCatchUpSpecs(store: () => StoreUnderTest): void {
  it('enqueues, once, the link mail and the state mail that a process dying before their enqueue left unowed', async () => {
    const mail = new KeptMail();
    const api = mailingHarness(store(), mail);
    api.clock.set('2046-01-01T00:00:00Z');
    const worker = mailingHarness(store(), mail, api.clock);
    const crashing = mailingHarness(store(), mail, api.clock);
    const { context, instance } = await api.tenant();
    await api.container.get(EnrollmentPageService).save(context, instance.id, {
      enabled: true, slug: `catch-up-${instance.id.slice(-8)}`, name: 'Community Powershare', terms: { version: '1', text: 'Terms.' }, locales: ['en', 'de'], defaultLocale: 'en',
    });
    await drainWorker(worker);
    const items = crashing.port(STORE_TOKENS.customerMails);
    crashing.replacePort(STORE_TOKENS.customerMails, withMethod(items, 'enqueue', async () => { throw new Error('simulated crash before the enqueue'); }));

    // The page's submission as the crashing process writes it, dying before its link mail's enqueue.
    const page: CallContext = { ...context, source: 'enrollment_page' };
    const created = await crashing.enrollments.create(page, instance.id, { ...suzieWithDevice('SN-MAIL-CATCH-UP'), email: 'suzie.caught@example.com', metadata: { selfEnrollment: { locale: 'de' } } });
    // An operator's move of the customer's participation, by the same process, whose enqueue fails.
    await crashing.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' });
    expect(crashing.logger.withMessage('customer mail enqueue failed; the catch-up will retry'), 'the move’s enqueue failed').to.have.length(1);
    // An enrollment the API made (no self-enrollment) owes its customer nothing, crash or not.
    const other = await crashing.enrollments.create(context, instance.id, { ...suzieWithDevice('SN-MAIL-NOT-OWED'), email: 'not.owed@example.com' });
    await crashing.participations.trigger(context, other.participation!.id, { trigger: 'consent_requested' });
    await drainWorker(worker);
    expect(mail.sent, 'nothing sent before the catch-up').to.deep.equal([]);

    api.clock.advance(PAST_CATCH_UP);
    await drainWorker(worker);
    expect(mail.of('suzie.caught@example.com'), 'both found in the feed, sent in order').to.deep.equal(['link (de)', 'AWAITING_CONSENT (de)']);
    expect(mail.of('not.owed@example.com')).to.deep.equal([]);

    // A later move enqueued as usual, and more passes: the catch-up owes nothing twice.
    await api.participations.grantConsent(context, created.participation!.id, { grantedAt: api.clock.now().toISOString(), termsVersion: '1' });
    for (let pass = 0; pass < 3; pass++) {
      api.clock.advance(PAST_CATCH_UP);
      await drainWorker(worker);
    }
    expect(mail.of('suzie.caught@example.com'), 'one mail per move, none twice').to.deep.equal(['link (de)', 'AWAITING_CONSENT (de)', 'AWAITING_TELEMETRY (de)']);
  });

  it('adds no feed lookup to the adapter outbox’s catch-up, and mails no move made while SMTP was off', async () => {
    const mail = new KeptMail();
    const api = mailingHarness(store(), mail);
    api.clock.set('2047-01-01T00:00:00Z');
    const unmailed = new CoreHarness(store().module(), { settings: SETTINGS, adapters: store().adapters, clock: api.clock });
    const unmailedLookups = countLookups(unmailed);
    const { context, instance } = await api.tenant();
    await api.container.get(EnrollmentPageService).save(context, instance.id, {
      enabled: true, slug: `no-smtp-${instance.id.slice(-8)}`, name: 'Community Powershare', terms: { version: '1', text: 'Terms.' }, locales: ['en'], defaultLocale: 'en',
    });
    await drainWorker(unmailed);
    // Moves made while no process mails: none is owed (the API's enqueue owes nothing without SMTP either).
    const created = await unmailed.enrollments.create({ ...context, source: 'enrollment_page' }, instance.id, { ...suzieWithDevice('SN-MAIL-NO-SMTP'), email: 'suzie.nosmtp@example.com', metadata: { selfEnrollment: { locale: 'en' } } });
    await unmailed.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' });
    api.clock.advance(PAST_CATCH_UP);
    await drainWorker(unmailed);

    // SMTP switched on: the new worker takes up the cursor the other moved on, and owes nothing of before.
    api.clock.advance(PAST_CATCH_UP);
    const worker = mailingHarness(store(), mail, api.clock);
    const lookups = countLookups(worker);
    unmailedLookups.count = 0;
    await drainWorker(worker);
    expect(mail.sent).to.deep.equal([]);
    // The same window read by a worker without SMTP (its position in memory is as far): the same lookups.
    await drainWorker(unmailed);
    expect(lookups.count, 'the customer mail adds no lookup of its own').to.equal(unmailedLookups.count).and.to.be.above(0);
  });
}

/** Counts a harness's lookups of the event feed (installed before the harness resolves its services). */
function countLookups(harness: CoreHarness): { count: number } {
  const counted = { count: 0 };
  const feed = harness.port(STORE_TOKENS.eventFeed);
  harness.replacePort(STORE_TOKENS.eventFeed, withMethod(feed, 'listRecordedIn', async (bucket) => { counted.count++; return feed.listRecordedIn(bucket); }));
  return counted;
}
