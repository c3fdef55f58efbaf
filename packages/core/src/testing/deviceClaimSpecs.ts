import { expect } from 'chai';
import type { EnrollmentEventRepository } from '../enrollments/ports/EnrollmentEventRepository.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { suzieWithDevice } from '../seeds/seedExamples.js';
import { activeBySerial, doubled, ineligibleWithDevice, isDeviceRefusal, peersOn, raceTrials, SOAKING } from './devices.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const CREATORS = 50;
const FAST = { contentionBudgetMs: 300 };

/** "At most one active enrollment per device per program instance", under racing creates, re-enrollments and returns. */
export function deviceClaimSpecs(storeName: string, store: () => StoreUnderTest): void {
  const trials = raceTrials(storeName, { memory: 12, mongo: 1 });

  it(`lets exactly one of ${CREATORS} identical creates of a device through, through three processes (${trials} trials)`, async function () {
    if (SOAKING) this.timeout(0);
    const peers = peersOn(store(), 3);
    const { context, instance } = await peers[0]!.tenant();
    for (let trial = 0; trial < trials; trial++) {
      const serial = `SN-identical-${trial}`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: CREATORS }, (_, n) => peers[n % peers.length]!.enrollments.create(context, instance.id, suzieWithDevice(serial))),
      );
      const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      expect(failures.filter((reason) => !isDeviceRefusal(reason)), 'only device refusals').to.deep.equal([]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled'), `trial ${trial}: 201s`).to.have.length(1);
    }
    expect(doubled(await activeBySerial(peers[0]!, context, instance.id))).to.deep.equal([]);
  });

  it('takes a creation still in progress for one, and fences off one that outlives its lease (refused, never doubled)', async () => {
    const [slow, fast] = peersOn(store(), 2, FAST);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const events = slow!.port(STORE_TOKENS.events);
    const insert: EnrollmentEventRepository['insert'] = async (event) => (event.type === 'enrollment.created' ? held.then(() => events.insert(event)) : events.insert(event));
    slow!.replacePort<EnrollmentEventRepository>(STORE_TOKENS.events, {
      insert,
      insertMany: (...args) => events.insertMany(...args),
      insertInOrder: (...args) => events.insertInOrder(...args),
      exists: (...args) => events.exists(...args),
      listForEnrollment: (...args) => events.listForEnrollment(...args),
      list: (...args) => events.list(...args),
    });
    const { context, instance } = await fast!.tenant();
    const pending = slow!.enrollments.create(context, instance.id, suzieWithDevice('SN-slow')).then(() => 'created', (error: unknown) => error);
    const claims = fast!.port(STORE_TOKENS.claims);
    while ((await claims.get(context.workspaceId, `device:${instance.id}:SN-slow`)) === undefined) await new Promise((resolve) => setTimeout(resolve, 5));

    const early = await fast!.enrollments.create(context, instance.id, suzieWithDevice('SN-slow')).catch((error: unknown) => error);
    expect(early, 'within the lease: a creation in progress').to.include({ code: 'device_claim_contended', retryAfterSeconds: 1 });
    fast!.clock.advance(10_001);
    const taker = await fast!.enrollments.create(context, instance.id, suzieWithDevice('SN-slow'));
    release();
    const late = await pending;
    expect(late, 'the late creation is refused').to.include({ code: 'device_already_enrolled' });
    const active = await activeBySerial(fast!, context, instance.id);
    expect(active.get('SN-slow')).to.deep.equal([taker.id]);
  });

  it(`keeps one active enrollment when a return to candidate races new enrollments of the device (${trials} trials)`, async function () {
    if (SOAKING) this.timeout(0);
    const peers = peersOn(store(), 3, FAST);
    const { context, instance } = await peers[0]!.tenant();
    for (let trial = 0; trial < trials; trial++) {
      const serial = `SN-return-${trial}`;
      const finished = await ineligibleWithDevice(peers[0]!, context, instance.id, serial);
      const moved = { ...finished.address!, streetOne: `${trial} New Street` };
      const outcomes = await Promise.allSettled([
        peers[1]!.enrollments.update(context, finished.id, { changes: { address: moved } }),
        peers[2]!.enrollments.create(context, instance.id, suzieWithDevice(serial)),
        peers[0]!.enrollments.create(context, instance.id, { identificationType: 'enrollmentId', enrollmentId: finished.id }),
        peers[1]!.enrollments.create(context, instance.id, suzieWithDevice(serial)),
      ]);
      const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      expect(failures.filter((reason) => !isDeviceRefusal(reason)), 'only device refusals').to.deep.equal([]);
      const reactivated = outcomes[0].status === 'fulfilled' && outcomes[0].value.eligibility.status === 'candidate';
      const created = outcomes.slice(1).filter((outcome) => outcome.status === 'fulfilled').length;
      expect((reactivated ? 1 : 0) + created, `trial ${trial}: enrollments holding the device`).to.be.at.most(1);
    }
    expect(doubled(await activeBySerial(peers[0]!, context, instance.id))).to.deep.equal([]);
  });

  it('records each takeover in the old enrollment’s log, and lets a finished enrollment return only to a free device', async () => {
    const [h] = peersOn(store(), 1);
    const { context, instance } = await h!.tenant();
    const first = await ineligibleWithDevice(h!, context, instance.id, 'SN-audit');
    const second = await h!.enrollments.create(context, instance.id, suzieWithDevice('SN-audit'));
    const log = await h!.events.list(context, { enrollmentId: first.id, types: ['enrollment.device_released'] }, { page: 1, perPage: 10 });
    expect(log.data.map((event) => event.data)).to.deep.equal([{ serialNumber: 'SN-audit', claimedBy: second.id, reason: `The enrollment had finished; the device went to ${second.id}.` }]);
    const refused = await h!.enrollments.update(context, first.id, { changes: { address: { ...first.address!, city: 'Brooklyn' } } }).catch((error: unknown) => error);
    expect(refused, 'the device is taken').to.include({ code: 'device_already_enrolled' });
    expect((await h!.enrollments.get(context, first.id)).eligibility.status, 'nothing changed').to.equal('ineligible');
    await h!.enrollments.delete(context, second.id);
    const back = await h!.enrollments.update(context, first.id, { changes: { address: { ...first.address!, city: 'Brooklyn' } } });
    expect(back.eligibility.status).to.equal('candidate');
    expect([...(await activeBySerial(h!, context, instance.id)).get('SN-audit') ?? []]).to.deep.equal([first.id]);
  });
}
