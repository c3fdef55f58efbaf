/** Seed 004's example request body, verbatim: Suzie Homeowner enrolling with customerInfo. */
export const SUZIE = {
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
} as const;

/** Seed 001's programme and provider. */
export const COMMUNITY_POWERSHARE = {
  name: 'Community Powershare',
  learnMoreUrl: 'https://leap.com/programmes/community-powershare',
  provider: { id: 'prv_8587fa49c7e5297ccc6c57e5', providerDisplayName: 'Leap', logoUrl: 'https://s.flatpeak.com/83b06a60e38c2.png' },
};
