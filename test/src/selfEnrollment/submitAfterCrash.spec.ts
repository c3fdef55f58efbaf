import { expect } from 'chai';
import { type Claim, type EnrollmentEvent, resolvePort, STORE_TOKENS } from '@flexroll/core';
import { PageClient, sealedState, statusPath } from '../support/PageClient.js';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { DETAILS, DEVICE, instanceWithPage, PAGE } from './pageFixtures.js';

/** Which write of a submission dies: the process is taken to be killed there, and nothing after it is written. */
type Crash = (write: { method: string; events?: readonly EnrollmentEvent[]; claim?: Claim }) => boolean;

interface LoggedEvent {
  seq: number;
  type: string;
  actor: { type: string; id: string };
  source: string;
}

describeOnEachStore('A submission cut short by a crash, then retried, is one complete enrollment (issue 22)', (store) => {
  let server: TestServer;
  /** The next write this matches fails (once), as if the process died right there (an ordered batch after its head). */
  let crash: Crash | undefined;
  before(async () => {
    server = await TestServer.start(store, { customerPages: { minSubmitMs: 0, perAddressPerMinute: 10_000 } });
    // Before any write (a store may wrap each method once, on its first use): the store's own methods, unless a crash is due.
    dieAt(resolvePort(server.container, STORE_TOKENS.events), ['insert', 'insertInOrder', 'insertMany'], (method, args) => ({ method, events: method === 'insert' ? [args[0] as EnrollmentEvent] : (args[0] as EnrollmentEvent[]) }));
    dieAt(resolvePort(server.container, STORE_TOKENS.claims), ['claim'], (method, args) => ({ method, claim: args[0] as Claim }));
  });
  after(async () => server?.stop());
  afterEach(() => {
    crash = undefined;
  });

  function dieAt(port: object, methods: readonly string[], describe: (method: string, args: unknown[]) => Parameters<Crash>[0]): void {
    const own = port as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const prototype = Object.getPrototypeOf(port) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of methods) {
      const original = prototype[method]!;
      own[method] = async function (this: unknown, ...args: unknown[]) {
        if (crash?.(describe(method, args)) === true) {
          crash = undefined;
          if (method === 'insertInOrder') await prototype.insert!.apply(this, [(args[0] as EnrollmentEvent[])[0], args[1]]);
          throw new Error(`simulated kill -9 at ${method}`);
        }
        return original.apply(this, args);
      };
    }
  }

  /** A form walked up to its consent step; answers what its submission posts. */
  async function filledForm(client: PageClient, slug: string, device?: typeof DEVICE): Promise<Record<string, string>> {
    const first = await client.get(`/enroll/${slug}?lang=en`);
    let next = await client.post(`/enroll/${slug}`, { formState: sealedState(first.html), action: 'continue', ...DETAILS });
    if (device !== undefined) next = await client.post(`/enroll/${slug}`, { formState: sealedState(next.html), action: 'continue', ...device });
    expect(next.html, next.html).to.include('name="consent"');
    return { formState: sealedState(next.html), action: 'submit', consent: 'yes' };
  }

  /** The only enrollment of the instance, and its log as `GET /events` shows it. */
  async function theEnrollment(key: string, instanceId: string, email: string): Promise<{ enrollment: Record<string, unknown>; log: LoggedEvent[] }> {
    const listed = await server.get(`/programInstances/${instanceId}/enrollments?perPage=100`, { key });
    const mine = (listed.body.data as Array<Record<string, unknown>>).filter((enrollment) => enrollment.email === email);
    expect(mine, `one enrollment for ${email}`).to.have.length(1);
    const events = await server.get(`/events?enrollmentId=${String(mine[0]!.id)}&perPage=100`, { key });
    const log = (events.body.data as LoggedEvent[]).map(({ seq, type, actor, source }) => ({ seq, type, actor, source })).sort((a, b) => a.seq - b.seq);
    return { enrollment: mine[0]!, log };
  }

  /**
   * Submits one form uncut (the reference) and another that dies at `crash` and is then posted again, as the
   * customer's retry; both must leave the same enrollment and the same log, and the retry the link a third post shows.
   */
  async function submitCutShortThenRetry(at: Crash, device?: (n: number) => typeof DEVICE): Promise<{ key: string; reference: LoggedEvent[]; retried: LoggedEvent[]; enrollment: Record<string, unknown> }> {
    const { key, instanceId, slug } = await instanceWithPage(server, device === undefined ? { ...PAGE, fields: { address: 'optional' } } : PAGE);
    const client = new PageClient(server.base);
    const uncut = await client.post(`/enroll/${slug}`, await filledForm(client, slug, device?.(1)));
    expect(uncut.status, uncut.html).to.equal(200);
    const reference = await theEnrollment(key, instanceId, DETAILS.email);

    const other = { ...DETAILS, email: 'jonas@example.de' };
    const otherClient = new PageClient(server.base);
    const first = await otherClient.get(`/enroll/${slug}?lang=en`);
    let next = await otherClient.post(`/enroll/${slug}`, { formState: sealedState(first.html), action: 'continue', ...other });
    if (device !== undefined) next = await otherClient.post(`/enroll/${slug}`, { formState: sealedState(next.html), action: 'continue', ...device(2) });
    const submitted = { formState: sealedState(next.html), action: 'submit', consent: 'yes' };
    crash = at;
    const cut = await otherClient.post(`/enroll/${slug}`, submitted);
    expect(crash, 'the crash happened').to.equal(undefined);
    expect(cut.status, 'the cut-short submission was not confirmed').to.not.equal(200);
    const retry = await otherClient.post(`/enroll/${slug}`, submitted);
    expect(retry.status, retry.html).to.equal(200);
    const again = await otherClient.post(`/enroll/${slug}`, submitted);
    expect(statusPath(again.html), 'a later post of the same form shows the same link').to.equal(statusPath(retry.html));
    expect((await otherClient.get(statusPath(retry.html))).status, 'the link leads to the status page').to.equal(200);
    const retried = await theEnrollment(key, instanceId, other.email);
    return { key, reference: reference.log, retried: retried.log, enrollment: retried.enrollment };
  }

  it('without a device: a crash between the creation batch’s first event and the rest leaves, after the retry, the whole log once', async () => {
    const { reference, retried, enrollment } = await submitCutShortThenRetry(({ method, events }) => method === 'insertInOrder' && events?.[0]?.type === 'enrollment.created');
    expect(enrollment.eligibility, 'seed 004: the form sets it to Submitted').to.deep.include({ status: 'submitted' });
    expect(reference.map((event) => event.type)).to.deep.equal([
      'enrollment.created', 'enrollment.status_changed', 'enrollment.updated', 'enrollment.status_changed', 'enrollment.updated', 'enrollment.submitted',
    ]);
    expect(retried.map(({ type, actor, source }) => ({ type, actor, source })), 'the same events, in the same order, by the page').to.deep.equal(reference.map(({ type, actor, source }) => ({ type, actor, source })));
    expect(retried.map((event) => event.seq)).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });

  it('without a device: a crash before the status link is stored gives, on the retry, the same enrollment and a working link', async () => {
    const { reference, retried } = await submitCutShortThenRetry(({ method, claim }) => method === 'claim' && claim?.key.startsWith('status-link:') === true);
    expect(retried.map((event) => [event.seq, event.type])).to.deep.equal(reference.map((event) => [event.seq, event.type]));
  });

  it('with a device: a crash part way through starting the participation leaves, after the retry, it started once', async () => {
    const { key, reference, retried, enrollment } = await submitCutShortThenRetry(
      ({ method, events }) => method === 'insertInOrder' && events?.[0]?.type === 'participation.state_changed',
      (n) => ({ ...DEVICE, serialNumber: `TSLA-PW-CRASH-${n}` }),
    );
    const participation = await server.get(`/vpp-participations/${String(enrollment.participationId)}`, { key });
    expect(participation.body.current_state, 'started with the consent given on the form').to.equal('AWAITING_TELEMETRY');
    expect(retried.filter((event) => event.type === 'enrollment.submitted'), 'announced once').to.have.length(1);
    expect(retried.map(({ seq, type, actor, source }) => ({ seq, type, actor, source })), 'the same log as a submission nothing cut short').to.deep.equal(reference);
  });

});
