/** The config the Kraken specs bind the adapter with: a fake endpoint nock intercepts, and throwaway secrets. */
export const KRAKEN_TEST_API = 'https://kraken.test/v1/graphql/';
export const KRAKEN_TEST_CONFIG = {
  apiBaseUrl: KRAKEN_TEST_API,
  apiKey: 'sk_test_kraken_api_key_0001',
  webhookSecret: 'whsec-kraken-test-0001',
  requestTimeoutMs: 200,
} as const;

/** A JWT whose `exp` is `secondsFromNow` after `now` (unsigned: the adapter reads its expiry, Kraken checks it). */
export function testJwt(now: Date, secondsFromNow: number, subject = 'kraken-user'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: subject, exp: Math.floor(now.getTime() / 1000) + secondsFromNow })}.signature`;
}
