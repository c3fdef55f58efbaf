import { expect } from 'chai';
import { findNativeStatusDrift, nativeStatusAgrees, type NativeStatusDeclaration } from './nativeStatuses.js';

const device: NativeStatusDeclaration = { description: 'device', values: ['ONBOARDING', 'LIVE'], agreesWith: { LIVE: ['ACTIVE', 'SUSPENDED'] }, driftAfterMinutes: 30 };
const since = (value: string, time: string) => ({ value, since: time, observedAt: time });

describe(findNativeStatusDrift.name, () => {
  it('flags a status that has disagreed longer than its declaration allows, from the later of the two changes', () => {
    const statuses = { device: since('LIVE', '2025-01-01T09:00:00Z') };
    expect(findNativeStatusDrift(statuses, { device }, 'REGISTERED', '2025-01-01T08:00:00Z', new Date('2025-01-01T09:30:00Z'))).to.equal(undefined);
    expect(findNativeStatusDrift(statuses, { device }, 'REGISTERED', '2025-01-01T08:00:00Z', new Date('2025-01-01T09:31:00Z'))).to.deep.equal({ since: '2025-01-01T09:00:00Z', statuses: ['device'] });
    expect(findNativeStatusDrift(statuses, { device }, 'REGISTERED', '2025-01-01T09:20:00Z', new Date('2025-01-01T09:31:00Z')), 'the state changed since').to.equal(undefined);
  });

  it('takes a value without an entry, or an undeclared status, as having no opinion (but an undeclared one as 60 minutes)', () => {
    expect(nativeStatusAgrees(device, 'ONBOARDING', 'OFFBOARDED')).to.equal(true);
    expect(nativeStatusAgrees(device, 'LIVE', 'SUSPENDED')).to.equal(true);
    expect(nativeStatusAgrees(undefined, 'anything', 'FAILED')).to.equal(true);
    expect(findNativeStatusDrift({ device: since('ONBOARDING', '2025-01-01T00:00:00Z') }, { device }, 'ACTIVE', '2025-01-01T00:00:00Z', new Date('2025-02-01T00:00:00Z'))).to.equal(undefined);
  });
});
