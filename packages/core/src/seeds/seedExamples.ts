import type { CreateEnrollmentInput } from '../enrollments/index.js';
import type { CreateProgramInput } from '../programs/index.js';

/**
 * Seed 004's own example request: Suzie Homeowner, enrolled with `customerInfo` in program instance
 * `cllgn0u4r000008l7eazybfbo`. Tests and the adapter test kit build on these values, never on empty data.
 */
export const SUZIE_CUSTOMER_INFO: CreateEnrollmentInput = {
  identificationType: 'customerInfo',
  firstName: 'Suzie',
  lastName: 'Homeowner',
  email: 'suzie.homeowner@example.com',
  phone: '+1234567890',
  address: { streetOne: '123 Main St', streetTwo: 'Apt 4B', city: 'New York', state: 'NY', postalCode: '10001', country: 'USA' },
  manufacturerSlugs: ['tesla', 'enphase'],
  serialNumber: '1234567890',
  referenceId: '1234567890',
  referenceDescription: 'Tesla Grid Services id.',
  tags: ['tag1', 'tag2'],
};

/** Suzie again, without a device: an enrollment with no participation, moved by the enrollment machine alone. */
export function suzieWithoutDevice(): CreateEnrollmentInput {
  const { serialNumber: _serialNumber, ...rest } = SUZIE_CUSTOMER_INFO;
  return rest;
}

/** Suzie with another device, so several enrollments can live in one program instance. */
export function suzieWithDevice(serialNumber: string): CreateEnrollmentInput {
  return { ...SUZIE_CUSTOMER_INFO, serialNumber };
}

/** Seed 001's programme and provider: Leap's Community Powershare. */
export const COMMUNITY_POWERSHARE: CreateProgramInput = {
  name: 'Community Powershare',
  description: 'Leap’s community virtual power plant.',
  learnMoreUrl: 'https://leap.com/programmes/community-powershare',
  provider: { id: 'prv_8587fa49c7e5297ccc6c57e5', providerDisplayName: 'Leap', logoUrl: 'https://s.flatpeak.com/83b06a60e38c2.png' },
};

/** Seed 001's example times. */
export const SEED_TIME = '2023-11-07T05:31:56Z';
