import 'reflect-metadata';
import { expect } from 'chai';
import {
  dueDeadlinesOf, LIST_PLACEMENT_VERSION, listTotalsOf,
  type Deadline, type DeadlineStatus, type Enrollment, type EnrollmentFilter, type Participation,
} from '@flexroll/core';
import { mongoRepositories } from '../mongoRepositories.js';
import { openMongoStore, type MongoStore } from '../openMongoStore.js';
import { openSpecStore } from '../specs/openSpecStore.js';
import { LIST_PLACEMENT_MARKER } from './listPlacementMarker.js';
import { replaceOutdatedLists } from './replaceOutdatedLists.js';

const uri = process.env.MONGODB_URI;
const WS = 'ws_replace';
const INSTANCE = 'cinstancereplace000000001';
const COUNT = 250;
const STATES: ReadonlyArray<Participation['state']> = ['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'ACTIVE'];
const DEADLINES: readonly DeadlineStatus[] = ['pending', 'due_soon', 'missed'];

/** The filters whose answers an older placement got wrong, and one it always got right. */
const FILTERS: ReadonlyArray<EnrollmentFilter> = [
  { participationStates: ['AWAITING_CONSENT'] },
  { participationStates: ['ACTIVE'], statuses: ['approved'] },
  { manufacturer: 'tesla' },
  { search: 'müller' },
  { postalCodePrefix: '9410' },
  { statuses: ['approved'] },
];

/**
 * A store whose lists were placed under an older placement version (no states, manufacturers, due deadlines or search
 * keys counted) is placed again when opened, by two processes at once; a second open does nothing.
 */
describe('store-mongo: lists placed under an older placement version', function () {
  this.timeout(300_000);
  let store: MongoStore | undefined;
  const opened: MongoStore[] = [];

  before(async function () {
    if (uri === undefined || uri === '') return this.skip();
    store = await openSpecStore(uri, 'replace');
  });
  after(async () => {
    for (const other of opened) await other.close();
    await store?.dropDatabase();
    await store?.close();
  });

  it('counts and keys every enrollment again, once, with two processes opening together; pages, totals and due deadlines are right after', async function () {
    if (store === undefined) return this.skip();
    const rows = Array.from({ length: COUNT }, (_, n) => stored(n));
    await mongoRepositories(store.connection).enrollments.saveMany(rows.slice(0, 200));
    for (const row of rows.slice(200)) await mongoRepositories(store.connection).enrollments.save(row);
    const right = await answers(store);
    // The figures this code counts, on the rows above (checked here so that the comparison below cannot pass on zeros).
    expect(right.totals.byParticipationState.AWAITING_CONSENT).to.equal(84);
    expect(right.due).to.deep.equal({
      actionable: { customer: 83, operator: 83, workspace: 0, platform: 0 }, missed: { customer: 42, operator: 41, workspace: 0, platform: 0 },
    });

    await placeAsAnOlderVersionDid(store);
    const before = await answers(store);
    expect(before.due.actionable.customer, 'the older placement counts no due deadline').to.equal(0);
    expect(before.totals.byParticipationState.AWAITING_CONSENT, 'nor any state').to.equal(0);
    expect(before.pages[3]!.totalItems, 'and finds no search key').to.equal(0);
    expect(before.pages[5], 'a status filter was right before').to.deep.equal(right.pages[5]);

    const dbName = store.connection.name;
    opened.push(...(await Promise.all([openMongoStore(uri!, { dbName }), openMongoStore(uri!, { dbName })])));
    expect(await answers(store)).to.deep.equal(right);
    const entries = await store.connection.collection<{ _id: string; seq: number; enrollmentId: string }>('enrollment_list_ledger').find({}).toArray();
    const recounts = entries.filter((entry) => !Number.isInteger(entry.seq));
    expect(recounts, 'each enrollment counted again once').to.have.length(COUNT);
    expect(new Set(recounts.map((entry) => entry.enrollmentId)).size).to.equal(COUNT);
    const marker = await store.connection.collection<{ _id: string; listVersion?: number }>('cursors').findOne({ _id: LIST_PLACEMENT_MARKER });
    expect(marker?.listVersion).to.equal(LIST_PLACEMENT_VERSION);

    expect(await replaceOutdatedLists(store.connection), 'a second open').to.equal(0);
    expect(await store.connection.collection('enrollment_list_ledger').countDocuments({})).to.equal(COUNT * 2);

    // A change after the re-placement moves the enrollment on from its recount.
    // Enrollment 2: ACTIVE, its deadline missed and waiting on the customer.
    const moved = { ...rows[2]!, seq: 2, participation: { ...rows[2]!.participation!, state: 'AWAITING_CONSENT' as const, deadlines: {} } };
    await mongoRepositories(store.connection).enrollments.save(moved, { decidedOn: rows[2]! });
    const after = await answers(store);
    expect(after.totals.byParticipationState.AWAITING_CONSENT).to.equal(85);
    expect(after.due).to.deep.equal({
      actionable: { customer: 82, operator: 83, workspace: 0, platform: 0 }, missed: { customer: 41, operator: 41, workspace: 0, platform: 0 },
    });
  });
});

/** What the console asks of the list: pages of each filter, the home's totals and due deadlines, read by fresh repositories. */
async function answers(store: MongoStore) {
  const { enrollments } = mongoRepositories(store.connection);
  const pages = [];
  for (const filter of FILTERS) {
    const page = await enrollments.list(WS, { programInstanceId: INSTANCE, ...filter }, { page: 2, perPage: 20 });
    pages.push({ totalItems: page.totalItems, ids: page.data.map((row) => row.id) });
  }
  const counts = await enrollments.listCounts(WS, INSTANCE);
  return { pages, totals: listTotalsOf(counts), due: dueDeadlinesOf(counts) };
}

/**
 * Leaves the store as a release before participation states were counted placed it: ledger entries whose facets hold
 * no state and no control-character tags (manufacturers, due deadlines), no snapshot, documents without state or search
 * keys, and the marker without a version.
 */
async function placeAsAnOlderVersionDid(store: MongoStore): Promise<void> {
  const older = (facets: { tags: string[]; participationState?: string } | undefined) =>
    facets === undefined ? undefined : { ...facets, tags: facets.tags.filter((tag) => !tag.startsWith('\u0001')), participationState: undefined };
  const ledger = store.connection.collection<{ _id: string }>('enrollment_list_ledger');
  for (const entry of await ledger.find({}).toArray()) {
    const { from, to } = entry as unknown as { from?: { tags: string[] }; to: { tags: string[] } };
    await ledger.replaceOne({ _id: entry._id }, { ...entry, ...(from === undefined ? {} : { from: strip(older(from)) }), to: strip(older(to)) });
  }
  await store.connection.collection('enrollment_list_counts').deleteMany({});
  const documents = store.connection.collection<{ _id: string; listKeys?: string[] }>('enrollments');
  for (const document of await documents.find({}).toArray()) {
    const keys = (document.listKeys ?? []).filter((key) => !key.includes('|state|') && !key.includes('|all|') && !key.includes('\u0001'));
    await documents.updateOne({ _id: document._id }, { $set: { listKeys: keys } });
  }
  await store.connection.collection<{ _id: string }>('cursors').replaceOne(
    { _id: LIST_PLACEMENT_MARKER }, { value: '0', updatedAt: new Date().toISOString() }, { upsert: true },
  );
}

function strip<T extends object>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : (Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T);
}

function stored(n: number): Enrollment {
  const createdAt = new Date(Date.parse('2024-06-01T00:00:00Z') + n * 60_000).toISOString();
  const status = DEADLINES[n % DEADLINES.length]!;
  const deadline: Deadline = {
    id: `dl_replace_${n}`, state: STATES[n % STATES.length]!, enteredAt: createdAt, expectedAt: createdAt, dueSoonAt: createdAt,
    waitingOn: n % 2 === 0 ? 'customer' : 'operator', alerts: true, status, announced: {},
  };
  return {
    id: `cenrollmentreplace${String(n).padStart(7, '0')}`, workspaceId: WS, programInstanceId: INSTANCE, identificationType: 'customerInfo',
    firstName: n % 4 === 0 ? 'Zoë' : 'Jane', lastName: n % 4 === 0 ? 'Müller' : 'Doe', email: `person.${n}@example.com`,
    manufacturerSlugs: [n % 3 === 0 ? 'Tesla' : 'enphase'],
    address: { streetOne: '1 Main St', city: 'Town', state: 'CA', postalCode: n % 2 === 0 ? `9410${n % 10}` : `SW1A ${n % 10}AA`, country: 'US' },
    participation: {
      id: `vpp_replace_${n}`, liveMode: true, deviceId: `dev_replace_${n}`, locationId: `loc_replace_${n}`, accountId: `acc_replace_${n}`, state: STATES[n % STATES.length]!, suspensionReasons: [], history: [], meterAccessAvailable: false,
      deadlines: { open: deadline }, createdAt, updatedAt: createdAt,
    },
    eligibility: { status: n % 10 === 0 ? 'approved' : 'candidate' }, seq: 1, createdAt, updatedAt: createdAt,
  };
}
