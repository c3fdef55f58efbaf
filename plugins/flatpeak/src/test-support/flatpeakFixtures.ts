import nock from 'nock';

/** The config the Flatpeak specs bind the adapter with: a fake remote nock intercepts, throwaway secrets. */
export const FLATPEAK_TEST_API = 'https://flatpeak.test';
export const FLATPEAK_TEST_CONFIG = {
  apiBaseUrl: FLATPEAK_TEST_API,
  accountId: 'acc_661677911f2197045e6cf1b1',
  apiKey: 'sk_test_flatpeak_0001',
  webhookSecret: `whsec_${Buffer.from('flatpeak-test-signing-key-0001').toString('base64')}`,
  requestTimeoutMs: 300,
} as const;

export const REMOTE_ID = 'vpo_7c2f1a9e4b0d8f3a6e2c5d10';

/** seed 001's example object, as the remote answers it, in a given state. */
export function remoteObject(state: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    object: 'vpp-participation', id: REMOTE_ID, live_mode: true, device_id: 'dev_63a6087272941ef077a8fd3e', location_id: 'loc_641b90b758fb8e6293716e40',
    current_state: state, control_active: state === 'ACTIVE', telemetry_active: true, suspension_reasons: [],
    participation_state: [{ state, status: 'IN_PROGRESS', description: 'Your device is dispatching.', occurred_at: '2023-11-07T05:31:56Z', expected_at: null, suspension_reasons: [] }],
    time_updated: '2023-11-07T05:31:56Z', time_created: '2023-11-07T05:31:56Z', account_id: 'acc_661677911f2197045e6cf1b1', ...overrides,
  };
}

/** The remote answering every login, creation and submission, for as long as the scope lives (the kit's scenarios). */
export function acceptingRemote(): nock.Scope {
  return nock(FLATPEAK_TEST_API)
    .persist()
    .post('/login').reply(200, { object: 'token', bearer_token: 'fp_bearer_kit', expires_at: '2099-01-01T00:00:00Z' })
    .post('/vpp-participations').reply(201, (_uri, body: { reference_id: string }) => remoteObject('ENROLMENT_REQUESTED', { reference_id: body.reference_id }))
    .post(/^\/vpp-participations\/vpo_[0-9a-f]{24}$/).reply(200, (_uri, body: { participation_state: { state: string }[] }) => remoteObject(body.participation_state.at(-1)!.state));
}
