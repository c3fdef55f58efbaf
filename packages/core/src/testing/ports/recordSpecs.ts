import type { ApiKey, ProgramInstance } from '../../index.js';
import { FlexrollError } from '@flexroll/sdk';
import { expect } from 'chai';
import { at, T0 } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

const apiKey = (workspaceId: string, id: string, secretHash: string): ApiKey => ({
  id, workspaceId, name: 'Back office', type: 'scoped', mode: 'live', permissions: ['enrollments:read'],
  displayPrefix: 'fr_live_sk_3kq9', secretHash, createdAt: T0,
});
const instance = (workspaceId: string, id: string, createdAt = T0): ProgramInstance => ({
  id, workspaceId, programId: 'prg_powershare', name: 'Community Powershare 2025', adapter: { adapterId: 'manual', config: { 'region.code': 'NY' } },
  meterAccessRequired: false, noticePeriodDays: 30, telemetryStalenessHours: 24, createdAt, updatedAt: createdAt,
});

async function expectConflict(write: Promise<unknown>): Promise<void> {
  const error = await write.then(() => undefined, (caught: unknown) => caught);
  expect(FlexrollError.is(error) && error.kind === 'conflict', String(error)).to.equal(true);
}

/** Workspaces, programs, program instances, people and API keys: round trips, conflicts, order and tenancy. */
export function recordSpecs(ports: () => SpecPorts): void {
  it('keeps workspaces oldest first and refuses a second workspace with the same id', async () => {
    await ports().workspaces.insert({ id: 'ws_later', name: 'Later', createdAt: at(5) });
    await ports().workspaces.insert({ id: 'ws_earlier', name: 'Earlier', createdAt: at(1) });
    expect(await ports().workspaces.get('ws_later')).to.deep.equal({ id: 'ws_later', name: 'Later', createdAt: at(5) });
    expect((await ports().workspaces.listAll()).map((workspace) => workspace.id)).to.include.ordered.members(['ws_earlier', 'ws_later']);
    await expectConflict(ports().workspaces.insert({ id: 'ws_later', name: 'Again', createdAt: at(6) }));
  });

  it('finds an API key by its secret hash alone, and otherwise only within its workspace', async () => {
    const key = apiKey('ws_keys_a', 'key_a', 'hash_a');
    await ports().apiKeys.insert(key);
    expect(await ports().apiKeys.findBySecretHash('hash_a')).to.deep.equal(key);
    expect(await ports().apiKeys.get('ws_keys_a', 'key_a')).to.deep.equal(key);
    expect(await ports().apiKeys.get('ws_keys_b', 'key_a')).to.equal(undefined);
    expect(await ports().apiKeys.list('ws_keys_b')).to.deep.equal([]);
    await ports().apiKeys.markRevoked('ws_keys_b', 'key_a', at(1));
    await ports().apiKeys.markUsed('ws_keys_a', 'key_a', at(2));
    expect(await ports().apiKeys.list('ws_keys_a')).to.deep.equal([{ ...key, lastUsedAt: at(2) }]);
    await ports().apiKeys.markRevoked('ws_keys_a', 'key_a', at(3));
    expect((await ports().apiKeys.get('ws_keys_a', 'key_a'))?.revokedAt).to.equal(at(3));
    await expectConflict(ports().apiKeys.insert(apiKey('ws_keys_b', 'key_b', 'hash_a')));
  });

  it('pages programs and replaces one whole', async () => {
    const program = { id: 'prg_spec', name: 'Spec', provider: { id: 'prv_1', providerDisplayName: 'Leap' }, createdAt: '0000-spec', updatedAt: T0 };
    await ports().programs.insert(program);
    const first = await ports().programs.list({ page: 1, perPage: 1 });
    expect(first.data).to.deep.equal([program]);
    expect(first.totalItems).to.be.at.least(1);
    const renamed = { ...program, name: 'Renamed', updatedAt: at(1) };
    await ports().programs.replace(renamed);
    expect(await ports().programs.get('prg_spec')).to.deep.equal(renamed);
    await expectConflict(ports().programs.insert(program));
  });

  it('keeps program instances, with adapter config, within their workspace', async () => {
    await ports().programInstances.insert(instance('ws_pi_a', 'pi_2', at(2)));
    await ports().programInstances.insert(instance('ws_pi_a', 'pi_1', at(1)));
    await ports().programInstances.insert(instance('ws_pi_b', 'pi_3', at(1)));
    const page = await ports().programInstances.list('ws_pi_a', { page: 1, perPage: 1 });
    expect(page.data).to.deep.equal([instance('ws_pi_a', 'pi_1', at(1))]);
    expect(page).to.include({ totalItems: 2, totalPages: 2 });
    expect(await ports().programInstances.get('ws_pi_b', 'pi_1')).to.equal(undefined);
    const withRules = { ...instance('ws_pi_a', 'pi_1', at(1)), eligibilityRules: { version: 2, rules: { allowedManufacturers: ['tesla'], serviceTerritory: { postalCodePrefixes: ['100'] } }, savedAt: at(2) } };
    await ports().programInstances.replace(withRules);
    expect(await ports().programInstances.get('ws_pi_a', 'pi_1')).to.deep.equal(withRules);
    const renamed = { ...instance('ws_pi_a', 'pi_1', at(1)), name: 'Renamed' };
    await ports().programInstances.replace(renamed);
    expect(await ports().programInstances.get('ws_pi_a', 'pi_1')).to.deep.equal(renamed);
  });

  it('keeps a program instance’s deadline settings, as inserted and as replaced', async () => {
    const timed = { ...instance('ws_pi_dl', 'pi_dl', at(1)), expectedDurations: { AWAITING_CONSENT: 'PT12H' }, deadlines: { leadTime: 'PT2H', alertStates: ['AWAITING_CONSENT', 'SUSPENDED'] as const } };
    await ports().programInstances.insert(timed);
    expect(await ports().programInstances.get('ws_pi_dl', 'pi_dl')).to.deep.equal(timed);
    const quiet = { ...timed, deadlines: { alertStates: [] } };
    await ports().programInstances.replace(quiet);
    expect(await ports().programInstances.get('ws_pi_dl', 'pi_dl')).to.deep.equal(quiet);
    expect((await ports().programInstances.list('ws_pi_dl', { page: 1, perPage: 10 })).data).to.deep.equal([quiet]);
  });

  it('keeps customers and leads within their workspace, with absent optional fields absent', async () => {
    const customer = { id: 'cus_1', workspaceId: 'ws_people', firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com', createdAt: T0 };
    const lead = { id: 'lead_1', workspaceId: 'ws_people', email: 'suzie.homeowner@example.com', phone: undefined, createdAt: T0 };
    await ports().customers.insert(customer);
    await ports().leads.insert(lead);
    expect(await ports().customers.get('ws_people', 'cus_1')).to.deep.equal(customer);
    expect(await ports().leads.get('ws_people', 'lead_1')).to.deep.equal({ id: 'lead_1', workspaceId: 'ws_people', email: 'suzie.homeowner@example.com', createdAt: T0 });
    expect(await ports().customers.get('ws_other', 'cus_1')).to.equal(undefined);
    expect(await ports().leads.get('ws_other', 'lead_1')).to.equal(undefined);
  });
}
