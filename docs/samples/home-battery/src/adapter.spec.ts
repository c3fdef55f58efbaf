import 'reflect-metadata';
import { describeAdapterConformance, OperatorFake } from '@flexroll/testkit';
import adapter from './index.js';

export const API = 'https://api.home-battery.test';
export const config = { apiBaseUrl: API, clientId: 'flexroll', clientSecret: 'hb-client-secret-0001', webhookSecret: 'whsec_aG9tZS1iYXR0ZXJ5LXRlc3Qtc2VjcmV0' };

/** The operator as a test meets it: 60 s tokens, a create call that answers the operator's id, a delete. */
export function operator(clock?: { now(): Date }): OperatorFake {
  return new OperatorFake(API, clock === undefined ? {} : { clock })
    .issuesTokens({ clientId: config.clientId, clientSecret: config.clientSecret, lifetimeSeconds: 60 })
    .answer('POST', '/v1/enrollments', (request) => ({ status: 201, body: { id: `hb_${String(request.headers['idempotency-key']).slice(-8)}` } }))
    .answer('DELETE', /^\/v1\/enrollments\/hb_\w+$/, { status: 204 });
}

describeAdapterConformance(adapter, { config, operator: () => operator(), grantedFields: ['email'] });
